import { Types } from 'mongoose';
import type { CreateDraft } from '@follow-ups/contract';
import { Conversation, Message, SharedLabel, Team, type ConversationDoc, type MessageDoc } from '@follow-ups/db';
import { quoteBelow, textAndHtml, toAddress } from '@follow-ups/domain';
import { newMessageId } from '@follow-ups/automation';
import { invalid, notFound } from '../http/appError';
import { refuseSuppressed } from '../suppressions/refuseSuppressed';
import { refuseForeignSender } from './refuseForeignSender';
import type { PlatformAddresses } from '@follow-ups/directory';
import { conversationChanges, type ConversationChanges } from './conversationChanges';

export type PreparedDraft = {
  conversation: ConversationDoc;
  isNewConversation: boolean;
  /** What the draft does to the conversation once it is sent (labels, subject, team, close). */
  changes: ConversationChanges;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  references: string[];
};

/** A character a reader sees: not whitespace, not an invisible format character (zero-width space…). */
const VISIBLE = /[^\s\p{Cf}]/u;

/** 404 naming the labels of `ids` the organization does not have. */
async function assertLabelsExist(organization: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const found = await SharedLabel.find({ _id: { $in: ids }, organization }, { _id: 1 }).lean();
  const missing = ids.filter((id) => !found.some((l) => String(l._id) === id));
  if (missing.length) throw notFound(`shared label ${missing.join(', ')}`);
}

/** The organization's message with one of these Message-IDs, the latest of them: where `references` append. */
async function referencedMessage(organization: string, references: string[] | undefined): Promise<MessageDoc | null> {
  if (!references?.length) return null;
  return Message.findOne({ organization, messageId: { $in: references } })
    .sort({ at: -1 })
    .lean();
}

/** The message this draft answers: the referenced one (if in this conversation), else the conversation's latest. */
async function previousMessage(
  organization: string,
  conversation: Types.ObjectId,
  referenced: MessageDoc | null,
): Promise<MessageDoc | null> {
  if (referenced && String(referenced.conversation) === String(conversation)) return referenced;
  return Message.findOne({ organization, conversation }).sort({ at: -1, _id: -1 }).lean();
}

/**
 * Checks the body has text to read, the sender (one of the organization's, 422 otherwise), every id the draft names against the caller's organization (404 otherwise) and builds the
 * conversation (new ones are not saved yet) and the message fields. `references` without `conversation` append to the
 * organization's conversation holding one of them. Writes nothing. `known`: the organization's cache
 * versions when the caller read them (sender and recipients are then checked against the caches).
 */
export async function prepareDraft(
  organization: string,
  draft: CreateDraft,
  platform: PlatformAddresses,
  known: { usersVersion?: number; suppressionsVersion?: number } = {},
): Promise<PreparedDraft> {
  const { replyDomain } = platform;
  let { text, html } = textAndHtml(draft.body);
  if (!VISIBLE.test(text))
    throw invalid('the body has no visible text', [
      { path: 'body.drafts.body', message: 'must contain visible text, not only tags, images or spaces' },
    ]);
  if (draft.organization && draft.organization !== organization) throw notFound(`organization ${draft.organization}`);
  await refuseForeignSender(organization, draft.from_field.address, platform, known.usersVersion);
  await refuseSuppressed(organization, draft, known.suppressionsVersion);
  if (draft.team && !(await Team.exists({ _id: draft.team, organization }))) throw notFound(`team ${draft.team}`);
  await assertLabelsExist(organization, [
    ...new Set([...(draft.add_shared_labels ?? []), ...(draft.remove_shared_labels ?? [])]),
  ]);

  let conversation: ConversationDoc;
  let isNew = false;
  let thread: string[] = [];
  const referenced = await referencedMessage(organization, draft.references);
  const existingId = draft.conversation ?? (referenced ? String(referenced.conversation) : undefined);
  if (existingId) {
    const existing = await Conversation.findOne({ _id: existingId, organization }).lean();
    if (!existing) throw notFound(`conversation ${existingId}`);
    conversation = existing;
    thread = await Message.threadOf(organization, existing._id, existing);
  } else {
    if (!draft.subject?.trim())
      throw invalid('`subject` is required: no conversation holds one of `references`', [
        { path: 'body.drafts.subject', message: 'required for a new conversation' },
      ]);
    isNew = true;
    conversation = new Conversation({
      organization,
      subject: (draft.conversation_subject ?? draft.subject!).trim(),
      team: draft.team,
      participants: [draft.from_field, ...draft.to_fields, ...(draft.cc_fields ?? [])],
      lastActivityAt: new Date(),
      thread: [],
      threadKept: true,
    }).toObject() as ConversationDoc;
  }

  if (draft.quote_previous_message && !isNew) {
    const previous = await previousMessage(organization, conversation._id, referenced);
    if (previous)
      ({ text, html } = quoteBelow(
        { text, html },
        { at: previous.at, from: toAddress(previous.from), text: previous.text, html: previous.html },
      ));
  }

  return {
    conversation,
    isNewConversation: isNew,
    changes: conversationChanges(draft, isNew),
    subject: draft.subject?.trim() || conversation.subject,
    text,
    html,
    messageId: newMessageId(replyDomain),
    references: draft.references ?? thread,
  };
}
