// DELETE /v1/contacts/:address and DELETE /v1/conversations/:id (admin tokens): erasure (GDPR Art.
// 17) of a person or of one conversation in the organization. Work in Temporal is stopped and its
// executions deleted first (stopConversationWork), then the MongoDB records (packages/db erasure.ts).
import {
  Contact,
  contactId,
  Conversation,
  conversationsOf,
  eraseAddress,
  eraseConversations,
  Suppression,
  type ErasureCounts,
} from '@follow-ups/db';
import type { AppDeps } from '../deps';
import { notFound } from '../http/appError';
import { log } from '../log';
import { stopConversationWork } from './stopConversationWork';

function add(total: ErasureCounts, counts: ErasureCounts): ErasureCounts {
  for (const [name, n] of Object.entries(counts)) total[name] = (total[name] ?? 0) + n;
  return total;
}

async function eraseAll(deps: AppDeps, organization: string, conversations: string[]): Promise<ErasureCounts> {
  for (const conversation of conversations) await stopConversationWork(deps, organization, conversation);
  return eraseConversations(organization, conversations);
}

/** Erases one conversation; 404 when the organization has no such conversation. */
export async function eraseConversation(
  deps: AppDeps,
  organization: string,
  conversation: string,
): Promise<ErasureCounts> {
  if (!(await Conversation.exists({ _id: conversation, organization }))) throw notFound(`conversation ${conversation}`);
  const counts = await eraseAll(deps, organization, [conversation]);
  log.info({ organizationId: organization, conversationId: conversation, counts }, 'conversation erased');
  return counts;
}

/**
 * Erases everything about `address` in the organization: every conversation it took part in, its
 * contact and delivery records; its suppression stays as a keyed hash (a new one if none existed).
 * 404 when the organization holds nothing about the address.
 */
export async function eraseContact(deps: AppDeps, organization: string, address: string): Promise<ErasureCounts> {
  const conversations = (await conversationsOf(organization, address)).map(String);
  const known =
    conversations.length > 0 ||
    (await Contact.exists({ _id: contactId(organization, address) })) !== null ||
    (await Suppression.findSuppressed(organization, [address])).some((s) => !s.hashed);
  if (!known) throw notFound(`contact ${address}`);
  const counts = add(await eraseAll(deps, organization, conversations), await eraseAddress(organization, address));
  log.info({ organizationId: organization, conversations: conversations.length, counts }, 'contact erased');
  return counts;
}
