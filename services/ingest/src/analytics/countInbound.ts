import type { Types } from 'mongoose';
import { countInboundMail } from '@follow-ups/db';

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
export async function countInbound(where: Where, mail: Mail, receivedAt: Date): Promise<void> {
  if (where.internal) return;
  const kind = !mail.autoReply ? 'reply' : mail.outOfOffice ? 'out_of_office' : null;
  if (kind)
    await countInboundMail(String(where.organization), String(where.conversation), kind, mail.messageId, receivedAt, {
      from: mail.from?.address ?? '',
      subject: mail.subject ?? '',
    });
}
