export {
  applyPendingRules,
  labelsOfRules,
  runOutgoingRules,
  type RulesKnown,
  type RulesOutcome,
} from './runOutgoingRules';
export { enabledOutgoingRules, type OutgoingRule } from './enabledOutgoingRules';
export { startSequence, type TemporalTarget } from './startSequence';
export { ruleLike, type StoredRule } from './ruleLike';
export { newMessageId } from './messageIds';
export { suppressAndStop, type SuppressDeps, type SuppressOutcome } from './suppressAndStop';
export { notificationsFrom } from './notifications';
export { outgoingMail, type MailContext, type MailParts } from './outgoingMail';
export {
  listUnsubscribe,
  unsubscribeLink,
  unsubscribeLinkAndHeaders,
  type UnsubscribeContext,
} from './listUnsubscribe';
export { deleteMailAttachments, loadMailAttachments, storeMailAttachments } from './storedAttachments';
export { senderData } from './senderData';
export { sequenceSchedule } from './sequenceSchedule';
