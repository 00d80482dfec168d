import { unixSecondsOrNull as unix } from '@follow-ups/domain';

/** Unix seconds, as Missive's API returns them. */
export { unix };
export const unixRequired = (date: Date | null | undefined): number => unix(date) ?? 0;
