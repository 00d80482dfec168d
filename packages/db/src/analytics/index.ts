export { AnalyticsCounter, AnalyticsMark, AnalyticsRecent, AnalyticsSequence } from './models';
export { eraseAnalytics } from './erase';
export { recentReplies, replyMark } from './recent';
export { countAll, countOnce, type CountedEvent, type CountTarget, type Increments } from './count';
export { counterWriter, type CounterKey, type CounterWriter } from './counterShard';
export { addCounts, counterWeeks, type Counts } from './readCounters';
export { countDraftMove, draftMoveEvent, type CountedDraft } from './draftMove';
export { countSequenceStart } from './sequenceStart';
export {
  countedSequence,
  countingOf,
  countInboundMail,
  countSequenceEnded,
  countSequenceStarted,
  countSuppression,
  noteStepSent,
  type CountedEnd,
  type CountedSequence,
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
