import { InferSchemaType, Schema, Types, model } from 'mongoose';

/** Where the replies of a conversation's prospect are forwarded: its sender, one fixed address, or nobody (integrations only). */
export const REPLY_DESTINATIONS = ['sender', 'address', 'none'] as const;
export type ReplyDestination = (typeof REPLY_DESTINATIONS)[number];

const settingsSchema = new Schema(
  {
    replyDestination: { type: String, enum: REPLY_DESTINATIONS, default: 'sender' },
    /** With `replyDestination: 'address'`: a team inbox, for example. */
    replyAddress: { type: String, trim: true, lowercase: true },
    /** Mail that reached our inbound addresses but matched no conversation. */
    fallbackAddress: { type: String, trim: true, lowercase: true },
    /** Bcc the sender on mail we send for them, so their mailbox holds the whole thread. */
    copySender: { type: Boolean, default: true },
    /** One-click unsubscribe headers on mail sent through the API too (follow-ups always carry them). */
    unsubscribeOnSends: { type: Boolean, default: false },
    /** IANA zone of the organization: the last fallback of sending windows. */
    timeZone: { type: String, trim: true },
    /** Default `sending` object (API shape) of rules that have none. */
    sending: { type: Schema.Types.Mixed, default: null },
  },
  { _id: false },
);

export const organizationSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    settings: { type: settingsSchema, default: () => ({}) },
    /** Bumped on every rule write (organizationVersions.ts): caches of the organization's rules compare it. */
    rulesVersion: { type: Number, default: 0 },
    /** Bumped on every user write: caches of the organization's users compare it. */
    usersVersion: { type: Number, default: 0 },
    /** Bumped on every canned response write: the worker's cache of responses compares it. */
    responsesVersion: { type: Number, default: 0 },
    /** Bumped on every hook write: the cache of the organization's hooks (events `hooksOf`) compares it. */
    hooksVersion: { type: Number, default: 0 },
    /** Bumped on every API token write (issue, revoke, last use): ingest's token cache compares it. */
    tokensVersion: { type: Number, default: 0 },
    /** Bumped on every suppression write: ingest's cache of the organization's suppressions compares it. */
    suppressionsVersion: { type: Number, default: 0 },
    /** Bumped on every contact write (their time zones): ingest's cache of them compares it. */
    contactsVersion: { type: Number, default: 0 },
  },
  { timestamps: true },
);

export type OrganizationSettings = {
  replyDestination: ReplyDestination;
  replyAddress: string | null;
  fallbackAddress: string | null;
  copySender: boolean;
  unsubscribeOnSends: boolean;
  timeZone: string | null;
  sending: unknown;
};

/** The settings of an organization with their defaults (documents older than a setting lack it). */
export function settingsOf(
  org: { settings?: Partial<Record<keyof OrganizationSettings, unknown>> | null } | null,
): OrganizationSettings {
  const s = org?.settings ?? {};
  return {
    replyDestination: (s.replyDestination as ReplyDestination | undefined) ?? 'sender',
    replyAddress: (s.replyAddress as string | undefined) ?? null,
    fallbackAddress: (s.fallbackAddress as string | undefined) ?? null,
    copySender: (s.copySender as boolean | undefined) ?? true,
    unsubscribeOnSends: (s.unsubscribeOnSends as boolean | undefined) ?? false,
    timeZone: (s.timeZone as string | undefined) ?? null,
    sending: s.sending ?? null,
  };
}

export const Organization = model('Organization', organizationSchema);
export type OrganizationDoc = InferSchemaType<typeof organizationSchema> & { _id: Types.ObjectId };
