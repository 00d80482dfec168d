import { loadMailAttachments, outgoingMail, senderData, unsubscribeLinkAndHeaders } from '@follow-ups/automation';
import {
  Conversation,
  Message,
  Organization,
  settingsOf,
  type ConversationDoc,
  type DraftDoc,
  type OrganizationDoc,
} from '@follow-ups/db';
import { sharedRead, userByAddress } from '@follow-ups/directory';
import { firstOf, personFromAddress, replySubject, toAddress } from '@follow-ups/domain';
import type { OutgoingMail } from '@follow-ups/mailer';
import { ApplicationFailure } from '@temporalio/common';
import { Types } from 'mongoose';
import type { ActivityDeps } from './deps';
import { renderCannedResponse } from './renderCannedResponse';
import { cannedResponse } from './responseCache';

const CONVERSATION_FIELDS = { subject: 1, thread: 1, threadKept: 1 };
const ORGANIZATION_FIELDS = {
  settings: 1,
  usersVersion: 1,
  responsesVersion: 1,
  hooksVersion: 1,
  suppressionsVersion: 1,
};

// The two reads of every follow-up go to the driver: a lean read through mongoose (casting, schema walks for
// the projection, hooks) was ~0.6 ms of the worker's main thread per command for the same plain document.
const objectId = (id: unknown) => (id instanceof Types.ObjectId ? id : new Types.ObjectId(String(id)));

/**
 * The organization's settings and counters: one read shared by the follow-ups of an organization that
 * ask while it is under way, and never one issued before they asked (`sharedRead`), so a cache it
 * validates is as fresh as with a read of each follow-up's own. Not to be changed (shared).
 */
const readOrganization = sharedRead((id: string) =>
  Organization.collection.findOne<Pick<OrganizationDoc, keyof typeof ORGANIZATION_FIELDS>>(
    { _id: objectId(id) },
    { projection: ORGANIZATION_FIELDS },
  ),
);

const readConversation = (draft: DraftForCompose) =>
  Conversation.collection.findOne<Pick<ConversationDoc, keyof typeof CONVERSATION_FIELDS>>(
    { _id: objectId(draft.conversation), organization: objectId(draft.organization) },
    { projection: CONVERSATION_FIELDS },
  );

/**
 * The mail, and the organization's counters as read for it: `hooksVersion` (the hook event's lookup
 * compares it) and `suppressionsVersion` (the suppression check's cache compares it; without one,
 * no organization or a counter never written, the check reads the suppressions).
 */
export type ComposedFollowUp = { mail: OutgoingMail; hooksVersion: number; suppressionsVersion?: number };

type DraftForCompose = Pick<
  DraftDoc,
  '_id' | 'organization' | 'conversation' | 'response' | 'messageId' | 'triggerMail'
>;

/**
 * Builds the follow-up mail: Liquid body rendered with recipient and sender data, `Re:` subject,
 * threaded under the conversation's messages, from the original sender to the original recipients,
 * with a Reply-To that routes the prospect's answer back to the inbound webhook. Reads the conversation
 * and the organization (its counters keep the users, the response and the hooks cached).
 */
export async function composeFollowUp(
  deps: ActivityDeps,
  draft: DraftForCompose,
  triggerMessageId: string,
): Promise<ComposedFollowUp> {
  const [conversation, trigger, organization] = await Promise.all([
    readConversation(draft),
    // Drafts planned before they carried it read the initial email.
    draft.triggerMail ?? Message.findOne({ _id: triggerMessageId, organization: draft.organization }).lean(),
    readOrganization(String(draft.organization)),
  ]);
  const response = await cannedResponse(draft.organization, draft.response, organization?.responsesVersion ?? 0);
  if (!conversation || !trigger)
    throw ApplicationFailure.nonRetryable('conversation or initial message is gone', 'MissingConversation');
  if (!response) throw ApplicationFailure.nonRetryable('the canned response was deleted', 'MissingResponse');

  const references = await Message.threadOf(draft.organization, draft.conversation, conversation);
  const sender = await userByAddress(draft.organization, trigger.from.address, organization?.usersVersion ?? 0);
  const to = firstOf(trigger.to, "the initial email's recipients");
  const recipient = personFromAddress(toAddress(to));
  const user = senderData(sender, trigger.from);
  const organizationId = String(draft.organization);
  const unsubscribe = unsubscribeLinkAndHeaders(deps, organizationId, to.address);
  const unsubscribe_url = unsubscribe?.url;
  const data = {
    recipient,
    user,
    conversation: { subject: conversation.subject },
    ...(unsubscribe_url ? { unsubscribe_url } : {}),
  };

  const { text, html, subject } = await renderCannedResponse(response, data, replySubject(trigger.subject));
  const attachments = response.attachments?.length ? await loadMailAttachments(draft.organization, response._id) : [];
  const mail = outgoingMail(deps, {
    conversationId: String(draft.conversation),
    draftId: String(draft._id),
    from: toAddress(trigger.from),
    to: trigger.to.map(toAddress),
    cc: trigger.cc.map(toAddress),
    subject,
    text,
    html,
    messageId: draft.messageId,
    thread: references,
    copySender: settingsOf(organization).copySender,
    // RFC 8058 one-click unsubscribe for the prospect (Gmail's and Yahoo's button).
    headers: unsubscribe?.headers,
    attachments, // the canned response's files, in every follow-up that sends it
  });
  return {
    mail,
    hooksVersion: organization?.hooksVersion ?? 0,
    suppressionsVersion: organization?.suppressionsVersion ?? undefined,
  };
}
