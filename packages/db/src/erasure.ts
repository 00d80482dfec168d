// Erasure (GDPR Art. 17) at the database level: every record of one or more conversations, and
// every record naming one address, deleted from every collection of the organization. The caller
// (ingest) stops the sequences first; the suppression of an erased address stays as a keyed hash.
import { Types } from 'mongoose';
import { eraseAnalytics } from './analytics/erase';
import { Contact, contactId } from './models/contact';
import { Conversation } from './models/conversation';
import { DeliveryEvent } from './models/deliveryEvent';
import { Draft } from './models/draft';
import { DraftHistory } from './models/draftHistory';
import { DraftTransition } from './models/draftTransition';
import { HookDelivery } from './models/hookDelivery';
import { HookEvent } from './models/hookEvent';
import { IdempotencyKey } from './models/idempotencyKey';
import { InboundAttachmentChunk } from './models/inboundAttachmentChunk';
import { InboundAttachmentList } from './models/inboundAttachmentList';
import { InboundMail } from './models/inboundMail';
import { LiveDraft } from './models/liveDraft';
import { Message } from './models/message';
import { ReplyOutbox } from './models/replyOutbox';
import { SavedDraft } from './models/savedDraft';
import { SendSlot } from './models/sendSlot';
import { hashSuppression } from './models/suppression';

type Id = Types.ObjectId | string;
export type ErasureCounts = Record<string, number>;

const oid = (id: Id) => new Types.ObjectId(String(id));
const participant = (address: string) => ({
  $or: ['from.address', 'to.address', 'cc.address', 'bcc.address', 'replyTo.address'].map((path) => ({
    [path]: address,
  })),
});

/** The conversations of the organization that `address` took part in (sent, received, copied, drafted). */
export async function conversationsOf(organization: Id, address: string): Promise<Types.ObjectId[]> {
  const filter = { organization: oid(organization), ...participant(address.trim().toLowerCase()) };
  const found = await Promise.all([
    Message.distinct('conversation', filter),
    Draft.distinct('conversation', filter),
    DraftHistory.distinct('conversation', filter),
    InboundMail.distinct('conversation', {
      organization: oid(organization),
      'from.address': address.trim().toLowerCase(),
    }),
  ]);
  const ids = new Set(found.flat().filter(Boolean).map(String));
  return [...ids].map((id) => new Types.ObjectId(id));
}

/** Deletes every record of these conversations of the organization; counts by collection. */
export async function eraseConversations(organization: Id, conversations: Id[]): Promise<ErasureCounts> {
  const org = oid(organization);
  const ids = conversations.map(oid);
  if (!ids.length) return {};
  const inConversations = { organization: org, conversation: { $in: ids } };
  const messages = (await Message.find(inConversations, { _id: 1 }).lean()).map((m) => m._id);
  const drafts = [
    ...(await Draft.find(inConversations, { _id: 1 }).lean()),
    ...(await DraftHistory.find(inConversations, { _id: 1 }).lean()),
  ].map((d) => d._id);
  const counts: ErasureCounts = {};
  const count = async (name: string, done: Promise<{ deletedCount: number }>) =>
    void (counts[name] = (await done).deletedCount);
  await count(
    'inboundAttachmentChunks',
    InboundAttachmentChunk.deleteMany({ organization: org, message: { $in: messages } }),
  );
  await count('inboundAttachmentLists', InboundAttachmentList.deleteMany({ _id: { $in: messages } }));
  await count(
    'deliveryEvents',
    DeliveryEvent.deleteMany({ $or: [{ conversation: { $in: ids } }, { message: { $in: messages } }] }),
  );
  await count('draftTransitions', DraftTransition.deleteMany({ draft: { $in: drafts } }));
  await count('sendSlots', SendSlot.deleteMany({ draft: { $in: drafts.map(String) } }));
  await count('hookDeliveries', HookDelivery.deleteMany(inConversations));
  await count('hookEvents', HookEvent.deleteMany(inConversations));
  await count('replyOutbox', ReplyOutbox.deleteMany(inConversations));
  await count('inboundMails', InboundMail.deleteMany(inConversations));
  await count('savedDrafts', SavedDraft.deleteMany(inConversations));
  await count('liveDrafts', LiveDraft.deleteMany(inConversations));
  await count('drafts', Draft.deleteMany(inConversations));
  await count('draftHistory', DraftHistory.deleteMany(inConversations));
  await count('messages', Message.deleteMany(inConversations));
  await count('idempotencyKeys', eraseIdempotencyKeys(org, ids.map(String)));
  await count('analytics', eraseAnalytics(String(org), ids.map(String), [...drafts, ...messages].map(String)));
  await count('conversations', Conversation.deleteMany({ _id: { $in: ids }, organization: org }));
  return counts;
}

/**
 * Everything else naming the address in the organization: its contact record, delivery events,
 * unmatched inbound mail it sent, saved drafts and remembered API answers addressed to it; its
 * suppression becomes a keyed hash (still refused, no longer readable).
 */
export async function eraseAddress(organization: Id, rawAddress: string): Promise<ErasureCounts> {
  const org = oid(organization);
  const address = rawAddress.trim().toLowerCase();
  const counts: ErasureCounts = {};
  const count = async (name: string, done: Promise<{ deletedCount: number }>) =>
    void (counts[name] = (await done).deletedCount);
  await count('contacts', Contact.deleteMany({ _id: contactId(String(org), address), organization: org }));
  await count('deliveryEvents', DeliveryEvent.deleteMany({ organization: org, email: address }));
  await count('inboundMails', InboundMail.deleteMany({ organization: org, 'from.address': address }));
  await count('savedDrafts', eraseMatching(SavedDraft, org, [address]));
  await count('idempotencyKeys', eraseIdempotencyKeys(org, [address]));
  counts.suppressionsHashed = (await hashSuppression(org, address)) ? 1 : 0;
  return counts;
}

/** Deletes the organization's records of `model` whose JSON mentions one of `needles` (small collections only). */
async function eraseMatching(model: typeof SavedDraft | typeof IdempotencyKey, org: Types.ObjectId, needles: string[]) {
  const docs = await (model as typeof SavedDraft).find({ organization: org }).lean();
  const doomed = docs
    .filter((d) => needles.some((n) => JSON.stringify(d).toLowerCase().includes(n.toLowerCase())))
    .map((d) => d._id);
  return doomed.length ? (model as typeof SavedDraft).deleteMany({ _id: { $in: doomed } }) : { deletedCount: 0 };
}

/** Idempotency-Keys live a day (sweepHistory); their stored answers may name the address or conversation. */
const eraseIdempotencyKeys = (org: Types.ObjectId, needles: string[]) => eraseMatching(IdempotencyKey, org, needles);
