import { countSequenceEnded, type CountedEnd } from '@follow-ups/db';
import type { SequenceEndedEvent } from '@follow-ups/workflows';

/** How an ended sequence is counted: a stop for an unsubscribe is `unsubscribed` (docs/analytics.md). */
export function countedEnd(data: SequenceEndedEvent['data']): CountedEnd {
  return data.status === 'stopped' && data.reason === 'unsubscribed' ? 'unsubscribed' : data.status;
}

/**
 * `emitSequenceEvent`, counting the sequence's end first: the workflow calls it once when it closes,
 * and the event's id keeps a retried activity from counting twice.
 */
export function countingSequenceEnd<R>(emit: (input: SequenceEndedEvent) => Promise<R>, now: () => Date) {
  return async (input: SequenceEndedEvent): Promise<R> => {
    await countSequenceEnded(input.organizationId, input.conversationId, countedEnd(input.data), input.id, now());
    return emit(input);
  };
}
