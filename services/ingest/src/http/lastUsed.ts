import { ApiToken } from '@follow-ups/db';
import { log } from '../log';

/** `lastUsedAt` is kept to the minute: at most one write per token per minute. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** Records that the token was used now, unless it was within the minute; never delays or fails the request. */
export function touchLastUsed(token: { _id: unknown; lastUsedAt?: Date | null }, now = new Date()): void {
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  ApiToken.updateOne({ _id: token._id }, { $set: { lastUsedAt: now } }).catch((err: unknown) =>
    log.warn({ err }, 'could not record the token use'),
  );
}
