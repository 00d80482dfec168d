import { randomUUID } from 'node:crypto';
import { followUpSequence } from '../../workflows/src/workflows';
import {
  pauseUpdate,
  replyReceivedSignal,
  resumeUpdate,
  stateQuery,
  stopUpdate,
  draftDiscardedSignal,
  type FollowUpSequenceInput,
} from '@follow-ups/workflows';
import { sequenceInput } from '../helpers/sequenceInput';
import { eventually, newTaskQueue, testClient, withTestWorker, type Activities } from '../helpers/testWorker';

/** Fake activities typed as the real factory's output; they record what the workflow asked for. */
type SendOutcome = Awaited<ReturnType<Activities['sendFollowUp']>>;

/** `outcomes` overrides what the send activity reports for a draft (default: sent). */
function fakeActivities(outcomes: Record<string, SendOutcome> = {}) {
  const sent: string[] = [];
  const sentAt: number[] = [];
  const discarded: { reason: string }[] = [];
  const rescheduled: { draftId: string; sendAt: string }[][] = [];
  const reconciled: { draftId: string; at: number }[] = [];
  const activities: Activities = {
    async sendFollowUp({ draftId }) {
      if (outcomes[draftId]) return outcomes[draftId];
      sent.push(draftId);
      sentAt.push(Date.now());
      return { outcome: 'sent', messageId: `<${draftId}@test>`, sentAt: new Date().toISOString() };
    },
    async reconcileFollowUp({ draftId }) {
      reconciled.push({ draftId, at: Date.now() });
      return { outcome: 'sent', messageId: `<${draftId}@test>`, sentAt: new Date().toISOString() };
    },
    async sendScheduledDraft() {
      throw new Error('not used by followUpSequence');
    },
    async reconcileScheduledDraft() {
      throw new Error('not used by followUpSequence');
    },
    async passOnReceivedMail() {
      throw new Error('not used by followUpSequence');
    },
    async forwardReceivedMail() {
      throw new Error('not used by followUpSequence');
    },
    async announceReceivedMail() {
      throw new Error('not used by followUpSequence');
    },
    async discardRemainingDrafts({ reason }) {
      discarded.push({ reason });
      return 1;
    },
    async rescheduleDrafts({ steps }) {
      rescheduled.push(steps);
    },
    async reserveSendTime({ notBefore }) {
      return { sendAt: notBefore };
    },
    async releaseSendTime() {
      return { released: 0 };
    },
    async outOfOfficeResume() {
      throw new Error('not used without a schedule');
    },
    async deliverHookEvent() {
      throw new Error('not used by followUpSequence');
    },
    async abandonHookDelivery() {},
    async emitSequenceEvent() {
      return { eventId: 'evt_test', hookIds: [] };
    },
  };
  return { activities, sent, sentAt, discarded, rescheduled, reconciled };
}

function input(offsetsMs: number[]): FollowUpSequenceInput {
  const start = Date.now();
  return sequenceInput(
    offsetsMs.map((ms, i) => ({
      step: i + 1,
      draftId: `d${i + 1}`,
      responseId: `r${i + 1}`,
      sendAt: new Date(start + ms).toISOString(),
    })),
  );
}

describe('followUpSequence on the real Temporal server', () => {
  it('sends each follow-up at its time and completes', async () => {
    const fake = fakeActivities();
    await withTestWorker(fake.activities, async ({ client, taskQueue }) => {
      const result = await client.workflow.execute(followUpSequence, {
        taskQueue,
        workflowId: `wf-${randomUUID()}`,
        args: [input([300, 600, 900])],
      });
      expect(result.status).toBe('completed');
      expect(result.followUpsSent).toBe(3);
      expect(fake.sent).toEqual(['d1', 'd2', 'd3']);
      expect(fake.discarded).toEqual([]);
    });
  });

  it('discards what is left when a reply arrives', async () => {
    const fake = fakeActivities();
    await withTestWorker(fake.activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start(followUpSequence, {
        taskQueue,
        workflowId: `wf-${randomUUID()}`,
        args: [input([200, 60_000, 120_000])],
      });
      await eventually(() => (fake.sent.length === 1 ? true : undefined), 10_000, 'first follow-up');
      await handle.signal(replyReceivedSignal, {
        messageId: '<r@x>',
        from: 'jane@prospect.test',
        receivedAt: new Date().toISOString(),
      });
      const result = await handle.result();
      expect(result.status).toBe('replied');
      expect(result.steps.map((s) => s.status)).toEqual(['sent', 'discarded', 'discarded']);
      expect(fake.discarded).toEqual([{ reason: 'reply received from jane@prospect.test' }]);
      expect(fake.sent).toEqual(['d1']);
    });
  });

  it('skips a single discarded draft and keeps the others', async () => {
    const fake = fakeActivities();
    await withTestWorker(fake.activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start(followUpSequence, {
        taskQueue,
        workflowId: `wf-${randomUUID()}`,
        args: [input([1500, 2000])],
      });
      await handle.signal(draftDiscardedSignal, { draftId: 'd1', reason: 'discarded by user' });
      const result = await handle.result();
      expect(fake.sent).toEqual(['d2']);
      expect(result.steps[0]).toMatchObject({ status: 'discarded', reason: 'discarded by user' });
    });
  });

  it('pause holds a due follow-up; resume shifts the remaining steps by the pause', async () => {
    const fake = fakeActivities();
    await withTestWorker(fake.activities, async ({ client, taskQueue }) => {
      const plan = input([1500, 2500]);
      const handle = await client.workflow.start(followUpSequence, {
        taskQueue,
        workflowId: `wf-${randomUUID()}`,
        args: [plan],
      });
      const paused = await handle.executeUpdate(pauseUpdate);
      expect(paused.status).toBe('paused');
      await new Promise((r) => setTimeout(r, 3000)); // both steps fall due while paused
      expect(fake.sent).toEqual([]);
      const resumed = await handle.executeUpdate(resumeUpdate);
      expect(resumed.status).toBe('active');
      const shift = Date.parse(resumed.steps[0].sendAt) - Date.parse(plan.steps[0].sendAt);
      expect(shift).toBeGreaterThanOrEqual(2900);
      expect(fake.rescheduled).toHaveLength(1);
      const result = await handle.result();
      expect(result.status).toBe('completed');
      expect(fake.sent).toEqual(['d1', 'd2']);
    });
  });

  it('stop discards the rest, returns the final state, and a second stop is rejected', async () => {
    const fake = fakeActivities();
    await withTestWorker(fake.activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start(followUpSequence, {
        taskQueue,
        workflowId: `wf-${randomUUID()}`,
        args: [input([60_000])],
      });
      const before = await handle.query(stateQuery);
      expect(before.nextFollowUpAt).not.toBeNull();
      const stopped = await handle.executeUpdate(stopUpdate, { args: [{ reason: 'deal closed' }] });
      expect(stopped.status).toBe('stopped');
      expect(stopped.steps[0]).toMatchObject({ status: 'discarded', reason: 'stopped: deal closed' });
      expect(fake.discarded).toHaveLength(1);
      await expect(handle.executeUpdate(stopUpdate, { args: [{}] })).rejects.toThrow();
    });
  });

  it('after an outage, overdue follow-ups go out with their planned spacing, not all at once', async () => {
    const fake = fakeActivities();
    const taskQueue = newTaskQueue();
    const client = await testClient();
    try {
      // Started while no worker runs; all three fall due before one comes back.
      const handle = await client.workflow.start(followUpSequence, {
        taskQueue,
        workflowId: `wf-${randomUUID()}`,
        args: [input([200, 1_700, 3_200])],
      });
      await new Promise((r) => setTimeout(r, 3_500));
      const result = await withTestWorker(fake.activities, () => handle.result(), { taskQueue });
      expect(fake.sent).toEqual(['d1', 'd2', 'd3']);
      const gaps = [fake.sentAt[1] - fake.sentAt[0], fake.sentAt[2] - fake.sentAt[1]];
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1_400);
      expect(result.steps[2].plannedSendAt).toBeDefined();
      expect(result.timeline.join('\n')).toMatch(/moved to .* to keep its spacing/);
    } finally {
      await client.connection.close();
    }
  });

  it('a failed step ends the sequence as failed, naming the step', async () => {
    const fake = fakeActivities({
      d2: { outcome: 'skipped', status: 'failed', reason: 'rejected by SendGrid: invalid address' },
    });
    await withTestWorker(fake.activities, async ({ client, taskQueue }) => {
      const result = await client.workflow.execute(followUpSequence, {
        taskQueue,
        workflowId: `wf-${randomUUID()}`,
        args: [input([200, 400, 600])],
      });
      expect(result.status).toBe('failed');
      expect(result.reason).toBe('follow-up 2 failed: rejected by SendGrid: invalid address');
      expect(fake.sent).toEqual(['d1', 'd3']);
    });
  });

  it('a step discarded by a reply closes the sequence as replied even when the signal never came', async () => {
    const fake = fakeActivities({
      d2: { outcome: 'skipped', status: 'discarded', reason: 'reply received', replied: true },
    });
    await withTestWorker(fake.activities, async ({ client, taskQueue }) => {
      const result = await client.workflow.execute(followUpSequence, {
        taskQueue,
        workflowId: `wf-${randomUUID()}`,
        args: [input([200, 400, 600])],
      });
      expect(result.status).toBe('replied');
      expect(result.steps.map((s) => s.status)).toEqual(['sent', 'discarded', 'discarded']);
      expect(fake.sent).toEqual(['d1']);
      expect(fake.discarded).toEqual([{ reason: 'reply received' }]);
    });
  });

  it('an unknown delivery is reconciled after its grace period; a reply during the grace cancels that', async () => {
    const unknown: SendOutcome = {
      outcome: 'skipped',
      status: 'unknown',
      reason: 'interrupted',
      reconcileAfterMs: 1_000,
    };
    const fake = fakeActivities({ d1: unknown, d2: unknown });
    await withTestWorker(fake.activities, async ({ client, taskQueue }) => {
      const started = Date.now();
      const result = await client.workflow.execute(followUpSequence, {
        taskQueue,
        workflowId: `wf-${randomUUID()}`,
        args: [input([200])],
      });
      expect(result.status).toBe('completed');
      expect(result.steps[0]).toMatchObject({ status: 'sent' });
      expect(fake.reconciled.map((r) => r.draftId)).toEqual(['d1']);
      expect(fake.reconciled[0].at - started).toBeGreaterThanOrEqual(1_200);

      const plan = input([200, 60_000]);
      plan.steps[0].draftId = 'd2';
      const handle = await client.workflow.start(followUpSequence, {
        taskQueue,
        workflowId: `wf-${randomUUID()}`,
        args: [plan],
      });
      await eventually(
        async () => ((await handle.query(stateQuery)).steps[0].status === 'unknown' ? true : undefined),
        10_000,
        'unknown step',
      );
      await handle.signal(replyReceivedSignal, {
        messageId: '<r@x>',
        from: 'jane@prospect.test',
        receivedAt: new Date().toISOString(),
      });
      const replied = await handle.result();
      expect(replied.status).toBe('replied');
      expect(replied.steps.map((s) => s.status)).toEqual(['unknown', 'discarded']);
      expect(fake.reconciled.map((r) => r.draftId)).toEqual(['d1']);
    });
  });
});
