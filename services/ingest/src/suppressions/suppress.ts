import { suppressAndStop, type SuppressOutcome } from '@follow-ups/automation';
import type { SuppressionReason, SuppressionSource } from '@follow-ups/db';
import type { AppDeps } from '../deps';
import { log } from '../log';

/** `suppressAndStop` with ingest's Temporal client; logs what it did. */
export async function suppress(
  deps: AppDeps,
  organizationId: string,
  address: string,
  reason: SuppressionReason,
  options: { source: SuppressionSource; detail?: string },
): Promise<SuppressOutcome> {
  const outcome = await suppressAndStop({ client: deps.temporal, log }, organizationId, address, reason, options);
  log.info({ organizationId, reason, source: options.source, ...outcome }, 'address suppressed');
  return outcome;
}
