import { Draft } from '@follow-ups/db';
import { createEventActivities } from '@follow-ups/events';
import type { ActivityDeps } from './deps';
import { whileHeartbeating } from './heartbeat';
import { reconcileFollowUp, sendFollowUp } from './sendFollowUp';
import { reconcileScheduledDraft, sendScheduledDraft } from './sendScheduledDraft';
import { forwardReceivedMail } from './forwardReceivedMail';
import { announceReceivedMail } from './announceReceivedMail';
import { passOnReceivedMail } from './passOnReceivedMail';
import { releaseSendTime, reserveSendTime } from './sendTimes';
import { outOfOfficeResume } from './outOfOfficeResume';
import { countingSequenceEnd } from './countSequenceEnd';
import { currentTime } from '@follow-ups/domain';
import type {
  ForwardReplyInput,
  OutOfOfficeResumeInput,
  ReleaseSendTimeInput,
  ReserveSendTimeInput,
  ScheduledDraftRef,
  SendFollowUpInput,
  WorkflowActivities,
} from '@follow-ups/workflows';

export type { ActivityDeps } from './deps';

/** Activities of the workflows, bound to their ports; checked against what the workflows call. */
export function createActivities(deps: ActivityDeps) {
  const events = createEventActivities(deps);
  return {
    ...events,
    emitSequenceEvent: countingSequenceEnd(
      (input) => events.emitSequenceEvent(input),
      () => currentTime(deps),
    ),
    sendFollowUp: (input: SendFollowUpInput) => whileHeartbeating(() => sendFollowUp(deps, input)),
    /** After the grace period of an `unknown` follow-up: confirmed by an event, resent once, or left unknown. */
    reconcileFollowUp: (input: SendFollowUpInput) => whileHeartbeating(() => reconcileFollowUp(deps, input)),
    sendScheduledDraft: (input: ScheduledDraftRef) => whileHeartbeating(() => sendScheduledDraft(deps, input)),
    reconcileScheduledDraft: (input: ScheduledDraftRef) =>
      whileHeartbeating(() => reconcileScheduledDraft(deps, input)),
    /** A received mail, read once, forwarded once to each destination and announced (docs/where-replies-go.md). */
    passOnReceivedMail: (input: ForwardReplyInput) => passOnReceivedMail(deps, input),
    /** The same in two activities, for forwardReply runs started before passOnReceivedMail. */
    forwardReceivedMail: (input: ForwardReplyInput) => forwardReceivedMail(deps, input),
    announceReceivedMail: (input: ForwardReplyInput) => announceReceivedMail(deps, input),

    /** Reply or stop: every draft of the conversation still scheduled is discarded, with the reason. */
    async discardRemainingDrafts(input: {
      organizationId: string;
      conversationId: string;
      reason: string;
    }): Promise<number> {
      return Draft.discardScheduled(
        { organization: input.organizationId, conversation: input.conversationId },
        input.reason,
      );
    },

    /** A due follow-up's send time: inside the sending window, within the sender's daily cap. */
    reserveSendTime: (input: ReserveSendTimeInput) => reserveSendTime(deps, input),
    /** A reserved follow-up that will not go then: its day tickets and slot are given back. */
    releaseSendTime: (input: ReleaseSendTimeInput) => releaseSendTime(input),
    /** When an out-of-office pause ends. */
    outOfOfficeResume: (input: OutOfOfficeResumeInput) => outOfOfficeResume(deps, input),

    /** Resume: the remaining drafts get their shifted send times. */
    async rescheduleDrafts(input: {
      organizationId: string;
      steps: { draftId: string; sendAt: string }[];
    }): Promise<void> {
      for (const step of input.steps) {
        await Draft.updateOne(
          { _id: step.draftId, organization: input.organizationId, status: 'scheduled' },
          { $set: { sendAt: new Date(step.sendAt) } },
        );
      }
    },
  } satisfies WorkflowActivities;
}
