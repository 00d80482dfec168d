import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { addressSchema, organizationKey } from '../schemaParts';
import { mailAuthenticationSchema } from './mailAuthentication';
import { typedDoc } from '../typedDoc';
import { groupInsert } from '../groupInsert';
import { FORWARD_STATUSES, MESSAGE_DIRECTIONS, MESSAGE_ORIGINS } from '@follow-ups/vocabulary';

export { FORWARD_STATUSES, MESSAGE_DIRECTIONS, MESSAGE_ORIGINS };

/** One destination a received mail was forwarded to (docs/where-replies-go.md). */
const forwardSchema = new Schema(
  {
    to: { type: String, required: true },
    status: { type: String, enum: FORWARD_STATUSES, required: true },
    reason: { type: String },
    /** The forwarded mail's own Message-ID, derived from the reply and the destination. */
    messageId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);
/** What SendGrid's Event Webhook last reported for an outgoing message (see DELIVERY_STATUS_RANK). */
export const DELIVERY_STATUSES = [
  'deferred',
  'soft_bounced',
  'delivered',
  'unsubscribed',
  'spam_reported',
  'bounced',
  'dropped',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A mail sent or received in a conversation. `at` is when it was sent or received. */
export const messageSchema = new Schema(
  {
    organization: organizationKey,
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation', required: true },
    direction: { type: String, enum: MESSAGE_DIRECTIONS, required: true },
    origin: { type: String, enum: MESSAGE_ORIGINS, required: true },
    from: { type: addressSchema, required: true },
    to: { type: [addressSchema], default: [] },
    cc: { type: [addressSchema], default: [] },
    bcc: { type: [addressSchema], default: [] },
    replyTo: { type: addressSchema },
    subject: { type: String, default: '' },
    text: { type: String },
    html: { type: String },
    /** RFC 5322 Message-ID, angle brackets included: `<id@host>`. */
    messageId: { type: String, required: true, trim: true },
    inReplyTo: { type: String, trim: true },
    references: { type: [String], default: [] },
    autoReply: { type: Boolean, default: false },
    /** Received from one of the organization's own people through its log address: never a reply. */
    internal: { type: Boolean, default: false },
    /** Matched through the log address only: it already sits in the salesperson's mailbox. */
    viaLog: { type: Boolean, default: false },
    /** Received mail: SendGrid's SPF/DKIM results and whether the From domain is authenticated. */
    authentication: { type: mailAuthenticationSchema },
    /** Received mail: where it was forwarded, once per destination. */
    forwards: { type: [forwardSchema], default: undefined },
    /** Sent by a person, outgoing rules not yet applied: ingest retries until they are (outbox). */
    rulesPending: { type: Boolean, default: false },
    /** Outbox: failed attempts at running the rules, the last failure's reason, and the next try. */
    rulesAttempts: { type: Number },
    rulesError: { type: String },
    rulesRetryAt: { type: Date },
    providerMessageId: { type: String },
    deliveryStatus: { type: String, enum: DELIVERY_STATUSES },
    deliveryDetail: { type: String },
    deliveryStatusAt: { type: Date },
    draft: { type: Schema.Types.ObjectId, ref: 'Draft' },
    rule: { type: Schema.Types.ObjectId, ref: 'Rule' },
    at: { type: Date, required: true },
  },
  { timestamps: true },
);
// A repeated API call or webhook delivery cannot record the same mail twice.
messageSchema.index({ organization: 1, messageId: 1 }, { unique: true });
messageSchema.index({ organization: 1, conversation: 1, at: 1 });
// Inbound replies are matched by In-Reply-To/References before their organization is known.
messageSchema.index({ messageId: 1 });
// SendGrid events name the message by the X-Message-Id it answered with.
messageSchema.index({ providerMessageId: 1 });

type Address = { address?: unknown; name?: unknown };
type MessageFields = { from?: Address; to?: Address[]; cc?: Address[]; bcc?: Address[]; replyTo?: Address } & Record<
  string,
  unknown
>;
const trim = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
const trimAddress = (a: Address): Address => ({
  ...a,
  address: trim(a.address),
  ...(a.name !== undefined ? { name: trim(a.name) } : {}),
});
const trimAddresses = (list: Address[]) => (Array.isArray(list) ? list.map(trimAddress) : list);

/** The values the schema trims (its `trim` setters, which casting a plain object does not apply), trimmed. */
function trimmed(fields: MessageFields): MessageFields {
  return {
    ...fields,
    ...(fields.from ? { from: trimAddress(fields.from) } : {}),
    ...(fields.to ? { to: trimAddresses(fields.to) } : {}),
    ...(fields.cc ? { cc: trimAddresses(fields.cc) } : {}),
    ...(fields.bcc ? { bcc: trimAddresses(fields.bcc) } : {}),
    ...(fields.replyTo ? { replyTo: trimAddress(fields.replyTo) } : {}),
    ...('messageId' in fields ? { messageId: trim(fields.messageId) } : {}),
    ...('inReplyTo' in fields ? { inReplyTo: trim(fields.inReplyTo) } : {}),
  };
}

const messageStatics = {
  /**
   * The Message-IDs of a conversation, oldest first: the References of the next mail in it. From the
   * conversation's kept `thread` when the caller holds the conversation; otherwise (or for one
   * created before the thread was kept) from its messages, which scans them without an index.
   */
  async threadOf(
    organization: Types.ObjectId | string,
    conversation: Types.ObjectId | string,
    known?: { thread?: string[] | null; threadKept?: boolean | null } | null,
  ): Promise<string[]> {
    if (known?.threadKept) return [...(known.thread ?? [])];
    const thread = await Message.find({ organization, conversation }, { messageId: 1 }).sort({ at: 1 }).lean();
    return thread.map((m) => m.messageId);
  },
  /**
   * The message as `Message.create` would write it (the schema's trims, defaults, `__v`, timestamps at
   * `now`), validated (throws its `ValidationError`), as a plain object and without hydrating a
   * document: for an insert that saves none (`groupInsert`).
   */
  typed(fields: MessageFields, now: Date): MessageDoc {
    return typedDoc<MessageDoc>(Message, trimmed(fields), now);
  },
};
messageSchema.static(messageStatics);

type SentAddress = { address: string; name?: string | null };
/** A mail we sent, as `recordOutgoing` writes it: what the Message schema would keep of the mail sent, and whose it is. */
export type OutgoingRecord = {
  organization: Types.ObjectId;
  conversation: Types.ObjectId;
  origin: (typeof MESSAGE_ORIGINS)[number];
  /** The mail sent (the mailer's OutgoingMail, which db does not import): the fields a Message keeps. */
  mail: Record<'from', SentAddress> &
    Record<'to' | 'cc' | 'bcc', SentAddress[]> &
    Record<'subject' | 'text' | 'messageId', string> &
    Partial<Record<'html' | 'inReplyTo', string> & { replyTo: SentAddress; references: string[] }>;
  providerMessageId: string | null;
  rulesPending: boolean;
  draft: Types.ObjectId;
  rule?: Types.ObjectId | null;
  at: Date;
};

const addressOf = (a: SentAddress): SentAddress => ({
  address: a.address.trim(),
  ...(a.name != null ? { name: a.name.trim() } : {}),
});

/**
 * Records a mail SendGrid accepted: the document the schema would write (its defaults, trimmed
 * addresses, timestamps), inserted by the driver, without mongoose hydrating and validating it on
 * every follow-up sent. Its unique (organization, Message-ID) index refuses a second record.
 */
export async function recordOutgoing(record: OutgoingRecord): Promise<MessageDoc> {
  const { mail } = record;
  const doc = {
    _id: new Types.ObjectId(),
    organization: record.organization,
    conversation: record.conversation,
    direction: 'outgoing' as const,
    origin: record.origin,
    from: addressOf(mail.from),
    to: mail.to.map(addressOf),
    cc: mail.cc.map(addressOf),
    bcc: mail.bcc.map(addressOf),
    ...(mail.replyTo ? { replyTo: addressOf(mail.replyTo) } : {}),
    subject: mail.subject,
    text: mail.text,
    ...(mail.html != null ? { html: mail.html } : {}),
    messageId: mail.messageId.trim(),
    ...(mail.inReplyTo != null ? { inReplyTo: mail.inReplyTo.trim() } : {}),
    references: mail.references ?? [],
    autoReply: false,
    internal: false,
    viaLog: false,
    rulesPending: record.rulesPending,
    ...(record.providerMessageId != null ? { providerMessageId: record.providerMessageId } : {}),
    draft: record.draft,
    ...(record.rule != null ? { rule: record.rule } : {}),
    at: record.at,
    createdAt: record.at,
    updatedAt: record.at,
  };
  await groupInsert(Message, [doc]); // with the mails of concurrent sends: one insert
  return doc as unknown as MessageDoc;
}

const MessageModel = model('Message', messageSchema);
export const Message = MessageModel as typeof MessageModel & typeof messageStatics;
export type MessageDoc = InferSchemaType<typeof messageSchema> & { _id: Types.ObjectId };
