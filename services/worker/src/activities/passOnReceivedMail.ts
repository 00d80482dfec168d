import type { ForwardReplyInput, ForwardResult } from '@follow-ups/workflows';
import { announceRead } from './announceReceivedMail';
import type { ActivityDeps } from './deps';
import { forwardRead } from './forwardReceivedMail';
import { readReceivedMail } from './receivedMail';

/**
 * A received mail, read once, then forwarded to whoever must see it and announced to the
 * organization's hooks, side by side: one failing does not hold the other back. Either failing
 * throws, and Temporal retries the whole: the forward skips the destinations it recorded
 * (once per destination) and the announce is idempotent per Message-ID (docs/where-replies-go.md).
 */
export async function passOnReceivedMail(deps: ActivityDeps, input: ForwardReplyInput): Promise<ForwardResult[]> {
  const mail = await readReceivedMail(input, Boolean(deps.temporal));
  if (!mail) return [];
  const [forwarded, announced] = await Promise.allSettled([forwardRead(deps, mail), announceRead(deps, mail)]);
  if (forwarded.status === 'rejected') throw forwarded.reason;
  if (announced.status === 'rejected') throw announced.reason;
  return forwarded.value;
}
