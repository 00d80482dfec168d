/** Shapes shared by the sequence workflow, its activities, the worker and the API. Plain data only. */
import type { DraftStatus, SequenceStatus } from '@follow-ups/vocabulary';
import type { OutOfOfficePolicy, SendCaps, SendingPolicy } from '@follow-ups/domain';

/** A step is its draft: the same statuses. */
export type StepStatus = DraftStatus;
export type { SequenceStatus };

export type PlannedStep = {
  step: number;
  draftId: string;
  responseId: string;
  /** ISO-8601 instant, measured from the initial email (moved into the sending window when there is one). */
  sendAt: string;
  /** Initial email + delay, before the sending window moved it. */
  nominalSendAt?: string;
};

/** When follow-ups may go out; absent: exactly at their delay, out-of-office replies ignored (sequences started before windows). */
export type SequenceSchedule = { policy: SendingPolicy; caps: SendCaps | null; outOfOffice: OutOfOfficePolicy };

/**
 * The out-of-office policy of a sequence that has no `schedule` (no sending window): the rule's or
 * organization's, else the default pause. Absent: out-of-office replies are ignored.
 */
export type SequenceOutOfOffice = OutOfOfficePolicy;

/** Versioned input: the workflow never reads env or the host clock, everything arrives here. */
export type FollowUpSequenceInput = {
  version: 1;
  organizationId: string;
  conversationId: string;
  /** The outgoing message that triggered the rule (Mongo id). */
  triggerMessageId: string;
  ruleId: string | null;
  ruleDescription: string | null;
  sender: string;
  recipient: string;
  subject: string;
  steps: PlannedStep[];
  schedule?: SequenceSchedule;
  /** Read when there is no `schedule` (which carries its own). */
  outOfOffice?: SequenceOutOfOffice;
};

export type StepState = PlannedStep & {
  status: StepStatus;
  reason: string | null;
  sentAt: string | null;
  /** The send time of the plan, when the step was moved (spacing kept after an outage). */
  plannedSendAt?: string;
  /** The `sendAt` a send slot was reserved for (window + daily cap): set, the step may go. */
  reservedFor?: string;
  /** With a daily cap: the due time its reservation was made for, until given back. */
  reservedFrom?: string;
};

export type SequenceState = {
  status: SequenceStatus;
  steps: StepState[];
  nextFollowUpAt: string | null;
  followUpsSent: number;
  pausedAt: string | null;
  closedAt: string | null;
  reason: string | null;
  timeline: string[];
  /** Paused by an out-of-office reply: when the sequence resumes by itself. */
  resumeAt?: string | null;
};

export type ReplyReceived = { messageId: string | null; from: string | null; receivedAt: string };
export type DraftDiscarded = { draftId: string; reason: string };
/** An out-of-office reply reached the conversation; `returnDate` is the local date the person said they are back. */
export type OutOfOfficeReceived = { receivedAt: string; returnDate: string | null; from: string | null };
export type StopRequest = { reason?: string };

/** What the send activity reports back for one draft. */
export type SendOutcome =
  | { outcome: 'sent'; messageId: string; sentAt: string }
  | {
      outcome: 'skipped';
      status: StepStatus;
      reason: string;
      /** discarded because the prospect answered */
      replied?: boolean;
      /** `unknown`: wait this long for SendGrid's events, then reconcile (resend once at most) */
      reconcileAfterMs?: number;
    };

/** A received mail to forward: its Message-ID header in the organization. */
export type ForwardReplyInput = { version: 1; organizationId: string; messageId: string };
export type ForwardResult = { to: string; status: 'sent' | 'failed'; reason: string | null };
