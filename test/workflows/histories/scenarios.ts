// The main paths of `followUpSequence`, each a short run on the real Temporal server with fake
// activities. `record.ts` runs them and writes their histories; `replay.test.ts` replays those.
import type { WorkflowHandle } from '@temporalio/client';
import type { followUpSequence } from '../../../workflows/src/workflows';
import {
  outOfOfficeSignal,
  pauseUpdate,
  replyReceivedSignal,
  resumeUpdate,
  stateQuery,
  stopUpdate,
  type FollowUpSequenceInput,
  type SendOutcome,
  type SequenceSchedule,
} from '@follow-ups/workflows';
import { sequenceInput } from '../../helpers/sequenceInput';
import { eventually, type Activities } from '../../helpers/testWorker';

type Handle = WorkflowHandle<typeof followUpSequence>;
export type Scenario = {
  /** The history's file name and workflow id. */
  name: string;
  input: () => FollowUpSequenceInput;
  /** What the send activity answers per draft (default: sent). */
  outcomes?: Record<string, SendOutcome>;
  /** What happens to the running sequence before it ends by itself. */
  drive?: (handle: Handle) => Promise<void>;
};

/** Follow-ups `seconds` after now. */
const steps = (...seconds: number[]) =>
  seconds.map((s, i) => ({
    step: i + 1,
    draftId: `d${i + 1}`,
    responseId: `r${i + 1}`,
    sendAt: new Date(Date.now() + s * 1000).toISOString(),
  }));
const sentCount = (handle: Handle, n: number) => async () =>
  (await handle.query(stateQuery)).followUpsSent >= n || undefined;
const schedule: SequenceSchedule = {
  policy: {
    window: { days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '23:59' },
    timeZone: 'UTC',
    businessDays: false,
    holidays: null,
  },
  caps: { perDay: 50, spacingSeconds: 0 },
  outOfOffice: { policy: 'pause_until_return', pauseDays: 7 },
};

export const scenarios: Scenario[] = [
  { name: 'completed', input: () => sequenceInput(steps(1, 2)) },
  {
    name: 'replied-mid-wait',
    input: () => sequenceInput(steps(1, 600)),
    drive: async (handle) => {
      await eventually(sentCount(handle, 1), 30_000, 'the first follow-up');
      await handle.signal(replyReceivedSignal, {
        messageId: '<reply@prospect.test>',
        from: 'jane@prospect.test',
        receivedAt: new Date().toISOString(),
      });
    },
  },
  {
    name: 'out-of-office-paused-and-resumed',
    input: () => sequenceInput(steps(3, 4), { outOfOffice: { policy: 'pause_until_return', pauseDays: 3 } }),
    drive: async (handle) => {
      await handle.signal(outOfOfficeSignal, {
        receivedAt: new Date().toISOString(),
        returnDate: null,
        from: 'jane@prospect.test',
      });
    },
  },
  {
    name: 'paused-and-resumed',
    input: () => sequenceInput(steps(2, 3)),
    drive: async (handle) => {
      await handle.executeUpdate(pauseUpdate);
      await new Promise((r) => setTimeout(r, 3000));
      await handle.executeUpdate(resumeUpdate);
    },
  },
  {
    name: 'stopped',
    input: () => sequenceInput(steps(600, 1200)),
    drive: async (handle) => {
      await handle.executeUpdate(stopUpdate, { args: [{ reason: 'deal closed' }] });
    },
  },
  {
    name: 'failed-step',
    input: () => sequenceInput(steps(1, 2)),
    outcomes: { d1: { outcome: 'skipped', status: 'failed', reason: 'SendGrid refused the message' } },
  },
  {
    name: 'unknown-delivery-reconciled',
    input: () => sequenceInput(steps(1)),
    outcomes: { d1: { outcome: 'skipped', status: 'unknown', reason: 'send interrupted', reconcileAfterMs: 1000 } },
  },
  { name: 'sending-window-with-cap', input: () => sequenceInput(steps(1, 2), { schedule }) },
];

const unused = async (): Promise<never> => {
  throw new Error('not called by followUpSequence');
};

/** Activities that answer at once: sends succeed unless `outcomes` says otherwise; a send time is 1 s after due. */
export function scenarioActivities(outcomes: Record<string, SendOutcome> = {}): Activities {
  const sent = (draftId: string): SendOutcome => ({
    outcome: 'sent',
    messageId: `<${draftId}@test>`,
    sentAt: new Date().toISOString(),
  });
  return {
    sendFollowUp: async ({ draftId }) => outcomes[draftId] ?? sent(draftId),
    reconcileFollowUp: async ({ draftId }) => sent(draftId),
    discardRemainingDrafts: async () => 1,
    rescheduleDrafts: async () => {},
    reserveSendTime: async ({ notBefore }) => ({ sendAt: new Date(Date.parse(notBefore) + 1000).toISOString() }),
    releaseSendTime: async () => ({ released: 1 }),
    outOfOfficeResume: async () => ({ resumeAt: new Date(Date.now() + 5000).toISOString() }),
    emitSequenceEvent: async () => ({ eventId: 'evt_test', hookIds: [] }),
    sendScheduledDraft: unused,
    reconcileScheduledDraft: unused,
    passOnReceivedMail: unused,
    forwardReceivedMail: unused,
    announceReceivedMail: unused,
    deliverHookEvent: unused,
    abandonHookDelivery: unused,
  };
}
