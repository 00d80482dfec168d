// What a draft does to its conversation (Missive's draft fields), applied once it is sent or scheduled.
import { Types } from 'mongoose';
import type { CreateDraft } from '@follow-ups/contract';
import { Conversation, type ConversationDoc } from '@follow-ups/db';

export type ConversationChanges = {
  addLabels: Types.ObjectId[];
  removeLabels: Types.ObjectId[];
  subject?: string;
  /** Move an existing conversation to this team (`force_team`). */
  team?: Types.ObjectId;
  close: boolean;
};

const ids = (list: string[] | undefined) => [...new Set(list ?? [])].map((id) => new Types.ObjectId(id));

export function conversationChanges(draft: CreateDraft, isNewConversation: boolean): ConversationChanges {
  return {
    addLabels: ids(draft.add_shared_labels),
    removeLabels: ids(draft.remove_shared_labels),
    ...(draft.conversation_subject?.trim() ? { subject: draft.conversation_subject.trim() } : {}),
    ...(!isNewConversation && draft.force_team && draft.team ? { team: new Types.ObjectId(draft.team) } : {}),
    close: draft.close === true,
  };
}

/**
 * The fields of a new conversation with the changes applied: labels added then removed, closed if
 * asked, and the Message-ID of its first mail when it is sent now.
 */
export function newConversationFields(
  conversation: ConversationDoc,
  changes: ConversationChanges,
  now: Date,
  sentMessageId?: string,
) {
  const removed = new Set(changes.removeLabels.map(String));
  return {
    ...conversation,
    ...(sentMessageId ? { thread: [...(conversation.thread ?? []), sentMessageId] } : {}),
    labels: changes.addLabels.filter((id) => !removed.has(String(id))),
    lastActivityAt: now,
    ...(changes.close ? { closedAt: now } : {}),
  };
}

/** Applies the changes to an existing conversation (labels added, then removed: Missive's order), and appends a mail sent now to its thread. */
export async function applyConversationChanges(
  organization: string,
  conversationId: string,
  changes: ConversationChanges,
  now?: Date,
  sentMessageId?: string,
): Promise<void> {
  const set: Record<string, unknown> = {
    ...(now ? { lastActivityAt: now } : {}),
    ...(changes.subject ? { subject: changes.subject } : {}),
    ...(changes.team ? { team: changes.team } : {}),
    ...(changes.close ? { closedAt: now ?? new Date() } : {}),
  };
  const filter = { _id: conversationId, organization };
  if (Object.keys(set).length || changes.addLabels.length || sentMessageId)
    await Conversation.updateOne(filter, {
      $set: set,
      $addToSet: { labels: { $each: changes.addLabels }, ...(sentMessageId ? { thread: sentMessageId } : {}) },
    });
  if (changes.removeLabels.length) await Conversation.updateOne(filter, { $pullAll: { labels: changes.removeLabels } });
}
