import { ANALYTICS_MAX_RANGE_DAYS, type AnalyticsQuery } from '@follow-ups/contract';
import { invalid } from '../http/appError';

const DAY_S = 86_400;
const DEFAULT_WEEKS = 12;

export type AnalyticsRange = { from: Date; until: Date; sender?: string };

/** The request's range (default: the 12 weeks up to now); 400 naming the field when it is backwards or too long. */
export function analyticsRange(query: AnalyticsQuery, now: Date): AnalyticsRange {
  const until = query.until ?? Math.floor(now.getTime() / 1000);
  const from = query.from ?? until - DEFAULT_WEEKS * 7 * DAY_S;
  if (from > until)
    throw invalid('`from` is after `until`', [{ path: 'query.from', message: 'must not be after `until`' }]);
  if (until - from > ANALYTICS_MAX_RANGE_DAYS * DAY_S)
    throw invalid(`the range is over ${ANALYTICS_MAX_RANGE_DAYS} days`, [
      {
        path: query.from !== undefined ? 'query.from' : 'query.until',
        message: `must be at most ${ANALYTICS_MAX_RANGE_DAYS} days from the other end`,
      },
    ]);
  return {
    from: new Date(from * 1000),
    until: new Date(until * 1000),
    ...(query.sender ? { sender: query.sender.toLowerCase() } : {}),
  };
}
