import type { Suppression as ApiSuppression } from '@follow-ups/contract';
import type { SuppressionDoc } from '@follow-ups/db';
import { unixRequired } from '../http/unixTime';

export function presentSuppression(s: SuppressionDoc): ApiSuppression {
  return {
    address: s.address,
    reason: s.reason,
    source: s.source,
    detail: s.detail ?? null,
    created_at: unixRequired(s.at),
  };
}
