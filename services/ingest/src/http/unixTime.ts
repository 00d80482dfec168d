/** Unix seconds, as Missive's API returns them. */
export const unix = (date: Date | null | undefined): number | null => (date ? Math.floor(new Date(date).getTime() / 1000) : null);
export const unixRequired = (date: Date | null | undefined): number => unix(date) ?? 0;
