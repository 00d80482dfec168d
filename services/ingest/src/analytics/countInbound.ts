import type { Types } from 'mongoose';
import { countAll, countInboundMail, type CountedEvent, type CountedSequence } from '@follow-ups/db';

type Where = { organization: Types.ObjectId; conversation: Types.ObjectId; internal: boolean };
type Mail = {
  messageId: string;
  autoReply: boolean;
  outOfOffice?: unknown;
  from: { address: string } | null;
  subject?: string | null;
};

/**
 * The inbound webhook's one hook into analytics: a prospect's answer counts as a reply, an
 * out-of-office apart; other automatic answers and the organization's own mail count nothing.
 */
export async function countInbound(
  where: Where,
  mail: Mail,
  receivedAt: Date,
  /** What the reply's discards count, counted with it (one insert of marks, one counter write). */
  discarded: CountedEvent[] = [],
  /** The conversation's counting state as the caller's write returned it (undefined: read it). */
  counting?: CountedSequence | null,
): Promise<void> {
  const kind = where.internal ? null : !mail.autoReply ? 'reply' : mail.outOfOffice ? 'out_of_office' : null;
  if (!kind) {
    await countAll(discarded);
    return;
  }
  const from = { from: mail.from?.address ?? '', subject: mail.subject ?? '' };
  const [organization, conversation] = [String(where.organization), String(where.conversation)];
  await countInboundMail(organization, conversation, kind, mail.messageId, receivedAt, from, discarded, counting);
}
