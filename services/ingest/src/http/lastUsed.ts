import { ApiToken } from '@follow-ups/db';
import { log } from '../log';

/** `lastUsedAt` is kept to the minute: at most one write per token per minute. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Records that the token was used now, unless it was within the minute; never delays or fails the
 * request. The token object (the process's cached one) remembers the time, so the next requests of
 * the minute write nothing; the write names the organization, whose `tokensVersion` it bumps.
 */
export function touchLastUsed(
  token: { _id: unknown; organization: unknown; lastUsedAt?: Date | null },
  now = new Date(),
): void {
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  token.lastUsedAt = now;
  ApiToken.updateOne({ _id: token._id, organization: token.organization }, { $set: { lastUsedAt: now } }).catch(
    (err: unknown) => log.warn({ err }, 'could not record the token use'),
  );
}
