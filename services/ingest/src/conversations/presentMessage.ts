import type { Message as ApiMessage } from '@follow-ups/contract';
import type { MessageDoc } from '@follow-ups/db';
import { htmlToPlainText } from '@follow-ups/domain';
import { unixRequired } from '../http/unixTime';
import { describeAttachments } from '../drafts/decodeAttachments';

const address = (a: { address: string; name?: string | null }) =>
  a.name ? { address: a.address, name: a.name } : { address: a.address };

const authenticationOf = (a: NonNullable<MessageDoc['authentication']>) => ({
  spf: a.spf ?? null,
  dkim: a.dkim.map((d) => ({ domain: d.domain, result: d.result })),
  authenticated: a.authenticated,
  reason: a.reason ?? null,
});

export function presentMessage(
  m: MessageDoc,
  files?: readonly { filename: string; contentType: string; size: number }[],
): ApiMessage {
  const text = m.text ?? (m.html ? htmlToPlainText(m.html) : '');
  return {
    id: String(m._id),
    direction: m.direction,
    origin: m.origin,
    from_field: address(m.from),
    to_fields: m.to.map(address),
    cc_fields: m.cc.map(address),
    bcc_fields: m.bcc.map(address),
    subject: m.subject ?? '',
    preview: text.replace(/\s+/g, ' ').trim().slice(0, 140),
    body: m.html ?? m.text ?? null,
    message_id: m.messageId,
    in_reply_to: m.inReplyTo ?? null,
    references: m.references ?? [],
    auto_reply: m.autoReply ?? false,
    ...(files?.length ? { attachments: describeAttachments(files) } : {}),
    delivered_at: unixRequired(m.at),
    delivery_status: m.deliveryStatus ?? null,
    delivery_detail: m.deliveryDetail ?? null,
    ...(m.rulesError ? { rules_error: m.rulesError } : {}),
    ...(m.authentication ? { authentication: authenticationOf(m.authentication) } : {}),
    ...(m.forwards
      ? {
          forwards: m.forwards.map((f) => ({
            to: f.to,
            status: f.status,
            reason: f.reason ?? null,
            at: unixRequired(f.at),
          })),
        }
      : {}),
  };
}
