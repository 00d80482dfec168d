import { Types } from 'mongoose';
import type { CreateDraft } from '@follow-ups/contract';
import { Conversation, Message, SharedLabel, Team, type ConversationDoc } from '@follow-ups/db';
import { textAndHtml } from '@follow-ups/domain';
import { newMessageId } from '@follow-ups/automation';
import { invalid, notFound } from '../http/appError';
import { refuseSuppressed } from '../suppressions/refuseSuppressed';

export type PreparedDraft = {
  conversation: ConversationDoc;
  isNewConversation: boolean;
  labels: Types.ObjectId[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  references: string[];
};

/** A character a reader sees: not whitespace, not an invisible format character (zero-width space…). */
const VISIBLE = /[^\s\p{Cf}]/u;

/**
 * Checks the body has text to read, every id the draft names against the caller's organization (404 otherwise) and builds the
 * conversation (new ones are not saved yet) and the message fields. Writes nothing.
 */
export async function prepareDraft(organization: string, draft: CreateDraft, replyDomain: string): Promise<PreparedDraft> {
  const { text, html } = textAndHtml(draft.body);
  if (!VISIBLE.test(text)) throw invalid('the body has no visible text', [{ path: 'body.drafts.body', message: 'must contain visible text, not only tags, images or spaces' }]);
  if (draft.organization && draft.organization !== organization) throw notFound(`organization ${draft.organization}`);
  await refuseSuppressed(organization, draft);
  if (draft.team && !(await Team.exists({ _id: draft.team, organization }))) throw notFound(`team ${draft.team}`);
  const labelIds = [...new Set(draft.add_shared_labels ?? [])];
  if (labelIds.length) {
    const found = await SharedLabel.find({ _id: { $in: labelIds }, organization }, { _id: 1 }).lean();
    const missing = labelIds.filter((id) => !found.some((l) => String(l._id) === id));
    if (missing.length) throw notFound(`shared label ${missing.join(', ')}`);
  }

  let conversation: ConversationDoc;
  let isNew = false;
  let thread: string[] = [];
  if (draft.conversation) {
    const existing = await Conversation.findOne({ _id: draft.conversation, organization }).lean();
    if (!existing) throw notFound(`conversation ${draft.conversation}`);
    conversation = existing;
    thread = await Message.threadOf(organization, existing._id);
  } else {
    isNew = true;
    conversation = new Conversation({
      organization,
      subject: draft.subject!.trim(),
      team: draft.team,
      participants: [draft.from_field, ...draft.to_fields, ...(draft.cc_fields ?? [])],
      lastActivityAt: new Date(),
    }).toObject() as ConversationDoc;
  }

  return {
    conversation,
    isNewConversation: isNew,
    labels: labelIds.map((id) => new Types.ObjectId(id)),
    subject: draft.subject?.trim() || conversation.subject,
    text,
    html,
    messageId: newMessageId(replyDomain),
    references: draft.references ?? thread,
  };
}
