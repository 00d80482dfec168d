// The activities the workflows call, as the workflows need them. The worker's `createActivities`
// is checked against `WorkflowActivities` (`satisfies`), so workflow code never imports the worker.
import type { SequenceEndStatus } from '@follow-ups/vocabulary';
import type { HookDeliveryOutcome, HookDeliveryRef } from './hookDefinitions';
import type {
  ForwardReplyInput,
  ForwardResult,
  OutOfOfficeReceived,
  SendOutcome,
  SequenceOutOfOffice,
  SequenceSchedule,
} from './types';

export type SendFollowUpInput = {
  organizationId: string;
  conversationId: string;
  triggerMessageId: string;
  draftId: string;
};
export type ScheduledDraftRef = { organizationId: string; draftId: string };
/** A due follow-up asks when it may go: inside the sending window, within its sender's daily cap. */
export type ReserveSendTimeInput = {
  organizationId: string;
  sender: string;
  draftId: string;
  notBefore: string;
  schedule: SequenceSchedule;
};
/** A reservation given back: the draft and the due time it was reserved for (`notBefore` of its reservation). */
export type ReleaseSendTimeInput = { organizationId: string; draftId: string; notBefore: string };
/** With a window its schedule; without one, what finds the zone and the time of day of the next follow-up (`plannedAt`). */
export type OutOfOfficeResumeInput =
  | { schedule: SequenceSchedule; reply: OutOfOfficeReceived }
  | {
      schedule?: undefined;
      outOfOffice: SequenceOutOfOffice;
      organizationId: string;
      sender: string;
      recipient: string;
      plannedAt: string | null;
      reply: OutOfOfficeReceived;
    };

/** `sequence_ended` for subscribed hooks (the `data` of the contract's event of that type). */
export type SequenceEndedEvent = {
  organizationId: string;
  conversationId: string;
  type: 'sequence_ended';
  /** Stable id of what caused the event: raising it again changes nothing. */
  id: string;
  data: {
    sequence: { id: string; rule: string | null };
    status: SequenceEndStatus;
    reason: string | null;
    follow_ups_sent: number;
  };
};

/** What `followUpSequence` calls. */
export type SequenceActivities = {
  sendFollowUp(input: SendFollowUpInput): Promise<SendOutcome>;
  /** After the grace period of an `unknown` follow-up: confirmed by an event, resent once, or left unknown. */
  reconcileFollowUp(input: SendFollowUpInput): Promise<SendOutcome>;
  /** Reply or stop: every draft of the conversation still scheduled is discarded, with the reason. */
  discardRemainingDrafts(input: { organizationId: string; conversationId: string; reason: string }): Promise<number>;
  /** Resume: the remaining drafts get their shifted send times. */
  rescheduleDrafts(input: { organizationId: string; steps: { draftId: string; sendAt: string }[] }): Promise<void>;
  /** The actual send time of a due follow-up (ISO instant), reserved when there is a daily cap. */
  reserveSendTime(input: ReserveSendTimeInput): Promise<{ sendAt: string }>;
  /** A reserved follow-up that will not go then (discarded, paused, moved): its day tickets and slot are given back. */
  releaseSendTime(input: ReleaseSendTimeInput): Promise<{ released: number }>;
  /** When a pause for an out-of-office reply ends (ISO instant). */
  outOfOfficeResume(input: OutOfOfficeResumeInput): Promise<{ resumeAt: string }>;
  emitSequenceEvent(input: SequenceEndedEvent): Promise<unknown>;
};

/** What `scheduledSend` calls. */
export type ScheduledSendActivities = {
  sendScheduledDraft(input: ScheduledDraftRef): Promise<SendOutcome>;
  reconcileScheduledDraft(input: ScheduledDraftRef): Promise<SendOutcome>;
};

/** What `deliverEvents` calls. */
export type HookDeliveryActivities = {
  deliverHookEvent(ref: HookDeliveryRef): Promise<HookDeliveryOutcome>;
  abandonHookDelivery(input: HookDeliveryRef & { reason: string }): Promise<void>;
};

/** What `forwardReply` calls. */
export type ForwardActivities = {
  passOnReceivedMail(input: ForwardReplyInput): Promise<ForwardResult[]>;
  /** Runs started before passOnReceivedMail (replayed behind `patched`). */
  forwardReceivedMail(input: ForwardReplyInput): Promise<ForwardResult[]>;
  announceReceivedMail(input: ForwardReplyInput): Promise<void>;
};

/** Every activity a workflow of this package calls: what a worker must register. */
export type WorkflowActivities = SequenceActivities &
  ScheduledSendActivities &
  HookDeliveryActivities &
  ForwardActivities;
