export { connectDb, disconnectDb, ensureIndexes } from './connect';
export { IDEMPOTENCY_KEY_TTL_MS, sweepHistory } from './sweepHistory';
export { backfillLiveDrafts } from './migrations/backfillLiveDrafts';
export type { ConnectDbOptions } from './connect';
export { isDatabaseError, isDuplicateKeyError, onlyDuplicateKeys } from './errors';
export { derivedObjectId } from './derivedId';
export { addressSchema } from './schema-parts';
export { allModels } from './models';

export { Organization, REPLY_DESTINATIONS, settingsOf } from './models/organization';
export type { OrganizationDoc, OrganizationSettings, ReplyDestination } from './models/organization';
export { ApiToken, API_TOKEN_PREFIX, scopeOf } from './models/api-token';
export type { ApiTokenDoc } from './models/api-token';
export { Team } from './models/team';
export type { TeamDoc } from './models/team';
export { User } from './models/user';
export type { UserDoc } from './models/user';
export { Contact, contactId, setContactTimeZone } from './models/contact';
export type { ContactDoc } from './models/contact';
export { SendSlot } from './models/send-slot';
export { SharedLabel } from './models/shared-label';
export type { SharedLabelDoc } from './models/shared-label';
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
export { DELIVERY_STATUSES, FORWARD_STATUSES, Message, MESSAGE_DIRECTIONS, MESSAGE_ORIGINS } from './models/message';
export type { DeliveryStatus, MessageDoc } from './models/message';
export { Draft, isStoppedByReply, STOPPED_BY_REPLY } from './models/draft';
export { SavedDraft } from './models/saved-draft';
export type { SavedDraftDoc } from './models/saved-draft';
export type { DraftDoc } from './models/draft';
export { DRAFT_KINDS, DRAFT_STATUSES, REPLY_REASON } from './models/draft-status';
export type { DraftKind, DraftStatus } from './models/draft-status';
export { LiveDraft, LIVE_STATUSES } from './models/live-draft';
export { DraftHistory } from './models/draft-history';
export { ARCHIVE_AFTER_MS, archiveEndedDrafts, ENDED_STATUSES, findDraftById, findDraftsEverywhere } from './draftArchive';
export type { LiveDraftDoc } from './models/live-draft';
export { DraftTransition } from './models/draft-transition';
export type { DraftTransitionDoc } from './models/draft-transition';
export { InboundMail } from './models/inbound-mail';
export type { InboundMailDoc } from './models/inbound-mail';
export { InboundAttachmentList } from './models/inbound-attachment-list';
export type { DroppedAttachment, InboundAttachmentListDoc } from './models/inbound-attachment-list';
export { InboundAttachmentChunk } from './models/inbound-attachment-chunk';
export { ATTACHMENT_CHUNK_BYTES, attachmentListOf, loadAttachments, storeAttachments } from './attachments';
export type { AttachmentMeta, AttachmentSource, LoadedAttachment } from './attachments';
export { IdempotencyKey } from './models/idempotency-key';
export type { IdempotencyKeyDoc } from './models/idempotency-key';
export { ReplyOutbox, REPLY_OUTBOX_KINDS } from './models/reply-outbox';
export type { ReplyOutboxDoc } from './models/reply-outbox';
export { Hook, HOOK_EVENT_TYPES } from './models/hook';
export type { HookDoc } from './models/hook';
export { HookEvent } from './models/hook-event';
export type { HookEventDoc } from './models/hook-event';
export { HookDelivery, HOOK_DELIVERY_STATUSES, hookDeliveryId } from './models/hook-delivery';
export type { HookDeliveryDoc, HookDeliveryStatus } from './models/hook-delivery';
export { Suppression, SUPPRESSION_REASONS, SUPPRESSION_SOURCES, findSuppressed, suppressionBlocks, suppressionKey } from './models/suppression';
export type { SuppressionDoc, SuppressionReason, SuppressionSource } from './models/suppression';
export { DeliveryEvent } from './models/delivery-event';
export type { DeliveryEventDoc } from './models/delivery-event';
