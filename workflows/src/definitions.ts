import { defineQuery, defineSignal, defineUpdate } from './define';
import type { DraftDiscarded, OutOfOfficeReceived, ReplyReceived, SequenceState, StopRequest } from './types';

/** Sent by ingest when the webhook accepts a reply in the conversation: discard the rest, complete. */
export const replyReceivedSignal = defineSignal<[ReplyReceived]>('replyReceived');
/** Sent by `DELETE /v1/drafts/:id`: that one step is skipped, the others go on. */
export const draftDiscardedSignal = defineSignal<[DraftDiscarded]>('draftDiscarded');
/** Sent by ingest for an out-of-office reply: the rule's policy pauses (until the return date), ignores or stops. */
export const outOfOfficeSignal = defineSignal<[OutOfOfficeReceived]>('outOfOfficeReceived');

export const stopUpdate = defineUpdate<SequenceState, [StopRequest]>('stop');
export const pauseUpdate = defineUpdate<SequenceState, []>('pause');
export const resumeUpdate = defineUpdate<SequenceState, []>('resume');

/** The plan and the status of every step. */
export const stateQuery = defineQuery<SequenceState>('state');
