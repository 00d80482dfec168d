import {
  attachmentListOf,
  Conversation,
  Message,
  Organization,
  type ConversationDoc,
  type HookDoc,
  type InboundAttachmentListDoc,
  type MessageDoc,
  type OrganizationDoc,
} from '@follow-ups/db';
import { hooksOf } from '@follow-ups/events';
import type { ForwardReplyInput } from '@follow-ups/workflows';

/** What the forward and the announce of a received mail read, each once (docs/where-replies-go.md). */
export type ReceivedMail = {
  received: MessageDoc;
  org: Pick<OrganizationDoc, 'settings'> | null;
  conversation: Pick<ConversationDoc, 'subject' | 'thread' | 'threadKept'> | null;
  /** Its attachments as the webhook stored them (without content; null when it came with none), read once when asked. */
  attachments: () => Promise<InboundAttachmentListDoc | null>;
  /** The organization's `incoming_email` hooks; [] when no announce is made (no Temporal). */
  hooks: HookDoc[];
};

/** What is read of the received Message: everything the forward and the announce use, nothing else. */
const RECEIVED_FIELDS = {
  organization: 1,
  conversation: 1,
  messageId: 1,
  from: 1,
  to: 1,
  cc: 1,
  subject: 1,
  text: 1,
  html: 1,
  autoReply: 1,
  internal: 1,
  viaLog: 1,
  authentication: 1,
  forwards: 1,
  at: 1,
} as const;

/**
 * Reads a received mail and what its forward and announce need: the Message, then at once the
 * organization's settings, the conversation (subject, thread), then the hooks (cached by `hooksVersion`); the attachment list when
 * a forward goes out or a hook is told (not for a mail nobody is sent).
 * Null when there is no such Message; only the Message when it is internal (nobody is told).
 */
export async function readReceivedMail(input: ForwardReplyInput, announce: boolean): Promise<ReceivedMail | null> {
  const received = await Message.findOne(
    { organization: input.organizationId, messageId: input.messageId, direction: 'inbound' },
    RECEIVED_FIELDS,
  ).lean<MessageDoc>();
  if (!received) return null;
  let list: Promise<InboundAttachmentListDoc | null> | undefined;
  const attachments = () => (list ??= attachmentListOf(received.organization, received._id));
  if (received.internal) return { received, org: null, conversation: null, attachments, hooks: [] };
  const [org, conversation] = await Promise.all([
    Organization.findById(received.organization, { settings: 1, hooksVersion: 1 }).lean(),
    Conversation.findById(received.conversation, { subject: 1, thread: 1, threadKept: 1 }).lean(),
  ]);
  // The hooks from the cache its hooksVersion validates (a hook write bumps it; never bumped reads as 0).
  const hooks = announce ? await hooksOf(input.organizationId, 'incoming_email', org?.hooksVersion ?? 0) : [];
  return { received, org, conversation, attachments, hooks };
}
