export { connectDb, disconnectDb, ensureIndexes } from './connect';
export { IDEMPOTENCY_KEY_TTL_MS, sweepHistory } from './sweepHistory';
export { purgeExpiredConversations } from './retention';
export { backfillLiveDrafts } from './migrations/backfillLiveDrafts';
export type { ConnectDbOptions } from './connect';
export { insertedDespite, isDatabaseError, isDuplicateKeyError, onlyDuplicateKeys } from './errors';
export { groupCommit } from './groupCommit';
export type { Settled } from './groupCommit';
export { groupInsert } from './groupInsert';
export { groupDelete, groupUpdate } from './groupWrite';
export { derivedObjectId } from './derivedId';
export { addressSchema } from './schemaParts';
export { allModels } from './models';

export { Organization, REPLY_DESTINATIONS, settingsOf } from './models/organization';
export type { OrganizationDoc, OrganizationSettings, ReplyDestination } from './models/organization';
export { ApiToken, API_TOKEN_PREFIX, scopeOf } from './models/apiToken';
export type { ApiTokenDoc } from './models/apiToken';
export { Team } from './models/team';
export type { TeamDoc } from './models/team';
export { User } from './models/user';
export type { UserDoc } from './models/user';
export { Contact, contactId, setContactTimeZone } from './models/contact';
export type { ContactDoc } from './models/contact';
export { SendSlot } from './models/sendSlot';
export { sweepSendSlots } from './sendSlotSweep';
export { SharedLabel } from './models/sharedLabel';
export type { SharedLabelDoc } from './models/sharedLabel';
export { Response } from './models/response';
export type { ResponseDoc } from './models/response';
export {
  Rule,
  RULE_ACTION_TYPES,
  RULE_CONDITION_FIELDS,
  RULE_CONDITION_OPERATORS,
  SEND_AFTER_UNITS,
} from './models/rule';
export type { RuleDoc } from './models/rule';
export { Conversation } from './models/conversation';
export type { ConversationDoc } from './models/conversation';
export {
  DELIVERY_STATUSES,
  FORWARD_STATUSES,
  Message,
  MESSAGE_DIRECTIONS,
  MESSAGE_ORIGINS,
  recordOutgoing,
} from './models/message';
export type { DeliveryStatus, MessageDoc } from './models/message';
export { Draft, isStoppedByReply, STOPPED_BY_REPLY } from './models/draft';
export { discardKnownDrafts, moveKnownDrafts } from './models/draftBulkMoves';
export { SavedDraft } from './models/savedDraft';
export type { SavedDraftDoc } from './models/savedDraft';
export type { DraftDoc } from './models/draft';
export { DRAFT_KINDS, DRAFT_STATUSES, REPLY_REASON } from './models/draftStatus';
export type { DraftKind, DraftStatus } from './models/draftStatus';
export { LiveDraft, LIVE_STATUSES } from './models/liveDraft';
export { DraftHistory } from './models/draftHistory';
export {
  ARCHIVE_AFTER_MS,
  archiveEndedDrafts,
  ENDED_STATUSES,
  findDraftById,
  findDraftsEverywhere,
} from './draftArchive';
export type { LiveDraftDoc } from './models/liveDraft';
export { DraftTransition } from './models/draftTransition';
export type { DraftTransitionDoc } from './models/draftTransition';
export { InboundMail } from './models/inboundMail';
export type { InboundMailDoc } from './models/inboundMail';
export { InboundAttachmentList } from './models/inboundAttachmentList';
export type { DroppedAttachment, InboundAttachmentListDoc } from './models/inboundAttachmentList';
export { InboundAttachmentChunk } from './models/inboundAttachmentChunk';
export {
  ATTACHMENT_CHUNK_BYTES,
  attachmentContents,
  attachmentListOf,
  loadAttachments,
  storeAttachments,
} from './attachments';
export type { AttachmentMeta, AttachmentSource, LoadedAttachment } from './attachments';
export { IdempotencyKey } from './models/idempotencyKey';
export type { IdempotencyKeyDoc } from './models/idempotencyKey';
export { ReplyOutbox, REPLY_OUTBOX_KINDS } from './models/replyOutbox';
export type { ReplyOutboxDoc } from './models/replyOutbox';
export { Hook, HOOK_EVENT_TYPES } from './models/hook';
export type { HookDoc } from './models/hook';
export { HookEvent } from './models/hookEvent';
export type { HookEventDoc } from './models/hookEvent';
export { HookDelivery, HOOK_DELIVERY_STATUSES, hookDeliveryId } from './models/hookDelivery';
export type { HookDeliveryDoc, HookDeliveryStatus } from './models/hookDelivery';
export { SenderDomain, senderDomainKey } from './models/senderDomain';
export type { SenderDomainDoc } from './models/senderDomain';
export {
  Suppression,
  SUPPRESSION_REASONS,
  SUPPRESSION_SOURCES,
  findSuppressed,
  hashedAddress,
  hashSuppression,
  setSuppressionHashKey,
  suppressionBlocks,
  suppressedOf,
  suppressionKey,
  suppressionKeysOf,
} from './models/suppression';
export { conversationsOf, eraseAddress, eraseConversations, type ErasureCounts } from './erasure';
export type { SuppressionDoc, SuppressionReason, SuppressionSource } from './models/suppression';
export { DeliveryEvent } from './models/deliveryEvent';
export type { DeliveryEventDoc } from './models/deliveryEvent';
export * from './analytics';
