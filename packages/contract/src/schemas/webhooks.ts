// SendGrid Inbound Parse: the multipart/form-data fields it posts for each received email.
import { z } from 'zod';

/**
 * One Inbound Parse POST. With "POST the raw, full MIME message" SendGrid sends `email` instead
 * of `headers`/`text`/`html`. Attachment files (`attachment1`, …) are parts of their own; they
 * are kept with the reply (up to 100 files and 30 MB per mail, the rest noted as dropped).
 */
export const sendgridInboundSchema = z
  .object({
    from: z.string().min(1).describe('From header, e.g. `Jane Doe <jane@example.com>`'),
    to: z.string().min(1).describe('To header'),
    cc: z.string().optional(),
    subject: z.string().optional(),
    headers: z.string().optional().describe('The raw header block'),
    text: z.string().optional(),
    html: z.string().optional(),
    email: z.string().optional().describe('The raw MIME message (raw mode only)'),
    envelope: z.string().optional().describe('JSON: `{"to":["..."],"from":"..."}`'),
    dkim: z.string().optional(),
    SPF: z.string().optional(),
    spam_score: z.string().optional(),
    spam_report: z.string().optional(),
    sender_ip: z.string().optional(),
    charsets: z.string().optional().describe('JSON: charset of each field'),
    attachments: z.string().optional().describe('Number of attachments'),
    'attachment-info': z.string().optional(),
    'content-ids': z.string().optional(),
  })
  .passthrough();
export type SendgridInbound = z.infer<typeof sendgridInboundSchema>;

/**
 * `accepted`: recorded as a reply; `duplicate`: seen before; `ignored`: matched no conversation;
 * `unparseable`: the MIME message is beyond the parser's limits (nesting, header size) or broken,
 * and is recorded as such (linked to its conversation when its reply address says which) without
 * stopping any sequence. All are final: SendGrid must not retry.
 */
export const inboundResultSchema = z.object({ status: z.enum(['accepted', 'duplicate', 'ignored', 'unparseable']) });
export type InboundResult = z.infer<typeof inboundResultSchema>;
