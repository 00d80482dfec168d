export { AnalyticsCounter, AnalyticsLock, AnalyticsMark, AnalyticsRecent, AnalyticsSequence } from './models';
export { eraseAnalytics } from './erase';
export { countOnce, incrementLocked, type CountTarget, type Increments } from './count';
export { countDraftMove } from './draftMove';
export { countSequenceStart } from './sequenceStart';
export {
  countedSequence,
  countInboundMail,
  countSequenceEnded,
  countSequenceStarted,
  countSuppression,
  noteStepSent,
  recentReplies,
  type CountedEnd,
  type InboundKind,
  type SequenceStart,
} from './sequence';
export {
  counterId,
  histogramQuantile,
  REPLY_TIME_BUCKETS_S,
  replyTimeBucket,
  senderField,
  WEEK_MS,
  weekLabel,
  weekStart,
  weeksBetween,
} from './keys';
