// Sending windows and out-of-office pauses on the real Temporal server. Delays are compressed: a
// virtual day of the recipient's calendar lasts a few real seconds, and the virtual clock starts
// shortly before the moment under test. The send times come from the real schedule code (planWindowedFollowUps,
// nextOpening, outOfOfficeResumeAt) run on the virtual clock.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import {
  nextOpening,
  outOfOfficeResumeAt,
  outOfOfficeResumeWithoutWindow,
  planClock,
  planWindowedFollowUps,
  type SendingPolicy,
} from '@follow-ups/domain';
import { followUpSequence } from '../../workflows/src/workflows';
import {
  outOfOfficeSignal,
  pauseUpdate,
  replyReceivedSignal,
  resumeUpdate,
  stateQuery,
  type FollowUpSequenceInput,
  type ReleaseSendTimeInput,
  type SequenceSchedule,
} from '@follow-ups/workflows';
import { sequenceInput } from '../helpers/sequenceInput';
import { eventually, withTestWorker, type Activities } from '../helpers/testWorker';

const ZONE = 'America/New_York';
const policy: SendingPolicy = {
  window: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
  timeZone: ZONE,
  businessDays: false,
  holidays: null,
};
const schedule: SequenceSchedule = { policy, caps: null, outOfOffice: { policy: 'pause_until_return', pauseDays: 7 } };
const SECOND_PER_DAY = 86_400; // the divisor that makes a day of the plan last a real second
/** Maps the recipient's calendar onto real time: `virtualNow` is now, a virtual day lasts `realMsPerDay`; the trigger was at `trigger`. */
function virtualClock(trigger: string, virtualNow: string, realMsPerDay: number) {
  const REAL_MS_PER_VIRTUAL_MS = realMsPerDay / 86_400_000;
  const v0 = DateTime.fromISO(virtualNow, { zone: ZONE }).toMillis();
  const r0 = Date.now();
  return {
    start: DateTime.fromISO(trigger, { zone: ZONE }).toJSDate(),
    toReal: (v: Date) => new Date(r0 + (v.getTime() - v0) * REAL_MS_PER_VIRTUAL_MS),
    toVirtual: (r: Date | number) => new Date(v0 + (new Date(r).getTime() - r0) / REAL_MS_PER_VIRTUAL_MS),
    /** Local weekday and time, to the nearest minute (a real millisecond is minutes of virtual time). */
    show: (r: Date | string | number) =>
      DateTime.fromMillis(Math.round((v0 + (new Date(r).getTime() - r0) / REAL_MS_PER_VIRTUAL_MS) / 60_000) * 60_000, {
        zone: ZONE,
      }).toFormat('ccc HH:mm'),
  };
}
type Clock = ReturnType<typeof virtualClock>;

const unused = async (): Promise<never> => {
  throw new Error('not used by these tests');
};

/**
 * Activities typed as the factory's output: sends and given-back reservations are recorded, send
 * times use the real schedule code on the virtual clock unless `overrides` says otherwise.
 */
function windowActivities(clockNow: () => Clock, overrides: Partial<Activities> = {}) {
  const sent: { draftId: string; at: number }[] = [];
  const released: ReleaseSendTimeInput[] = [];
  const activities: Activities = {
    sendScheduledDraft: unused,
    reconcileScheduledDraft: unused,
    passOnReceivedMail: unused,
    forwardReceivedMail: unused,
    announceReceivedMail: unused,
    deliverHookEvent: unused,
    async abandonHookDelivery() {},
    async emitSequenceEvent() {
      return { eventId: 'evt_test', hookIds: [] };
    },
    async sendFollowUp({ draftId }) {
      sent.push({ draftId, at: Date.now() });
      return { outcome: 'sent', messageId: `<${draftId}@test>`, sentAt: new Date().toISOString() };
    },
    async reconcileFollowUp() {
      throw new Error('not used: no send is interrupted here');
    },
    async discardRemainingDrafts() {
      return 0;
    },
    async rescheduleDrafts() {},
    async releaseSendTime(input) {
      released.push(input);
      return { released: 3 };
    },
    async reserveSendTime({ notBefore }) {
      const clock = clockNow();
      const due = clock.toVirtual(Math.max(Date.parse(notBefore), Date.now()));
      return { sendAt: clock.toReal(nextOpening(due, policy)).toISOString() };
    },
    async outOfOfficeResume(request) {
      const { reply } = request;
      if (!request.schedule) {
        // No window: the real clock in UTC, compressed like the plans of these tests (as the worker's planClock does).
        const { outOfOffice, plannedAt } = request;
        const receivedAt = new Date(reply.receivedAt);
        const args = { outOfOffice, returnDate: reply.returnDate, receivedAt, timeZone: 'UTC' };
        const resume = outOfOfficeResumeWithoutWindow({ ...args, plannedAt: plannedAt ? new Date(plannedAt) : null });
        return { resumeAt: planClock(SECOND_PER_DAY).compress(receivedAt, resume).toISOString() };
      }
      const clock = clockNow();
      const resume = outOfOfficeResumeAt({
        policy,
        outOfOffice: schedule.outOfOffice,
        returnDate: reply.returnDate,
        receivedAt: clock.toVirtual(Date.parse(reply.receivedAt)),
      });
      return { resumeAt: clock.toReal(resume).toISOString() };
    },
    ...overrides,
  };
  return { activities, sent, released };
}

/** The sequence a rule with "send after 1, 3, 7 days" plans for a trigger at the clock's start. */
function input(clock: Clock): FollowUpSequenceInput {
  const actions = [1, 3, 7].map((days, i) => ({
    type: 'schedule_followup' as const,
    response: `r${i + 1}`,
    send_after: { amount: days, unit: 'days' as const },
  }));
  const plan = planWindowedFollowUps(clock.start, actions, policy);
  return sequenceInput(
    plan.map((p) => ({
      step: p.step,
      draftId: `d${p.step}`,
      responseId: p.response,
      sendAt: clock.toReal(p.sendAt).toISOString(),
      nominalSendAt: clock.toReal(p.nominalAt).toISOString(),
    })),
    { schedule },
  );
}

describe('sending windows and out-of-office on the real Temporal server', () => {
  it('moves a follow-up due on Saturday to Monday 09:00 recipient time, and shows both times', async () => {
    let clock = virtualClock('2026-12-04T10:00', '2026-12-06T23:00', 12_000); // trigger Friday 10:00 in New York; now Sunday 23:00
    const fake = windowActivities(() => clock);
    await withTestWorker(fake.activities, async ({ client, taskQueue }) => {
      clock = virtualClock('2026-12-04T10:00', '2026-12-06T23:00', 12_000);
      const handle = await client.workflow.start(followUpSequence, {
        taskQueue,
        workflowId: `wf-${randomUUID()}`,
        args: [input(clock)],
      });
      const plan = await handle.query(stateQuery);
      expect(plan.steps.map((s) => [clock.show(s.nominalSendAt!), clock.show(s.sendAt)])).toEqual([
        ['Sat 10:00', 'Mon 09:00'],
        ['Mon 10:00', 'Mon 10:00'],
        ['Fri 10:00', 'Fri 10:00'],
      ]);
      await eventually(() => fake.sent.length >= 1 || undefined, 15_000, 'follow-up 1 sent');
      // Never before Monday 09:00; after it only by the machine's latency (a real second is two virtual hours).
      const monday9 = clock.toReal(DateTime.fromISO('2026-12-07T09:00', { zone: ZONE }).toJSDate()).getTime();
      expect(fake.sent[0].at).toBeGreaterThanOrEqual(monday9);
      expect(fake.sent[0].at - monday9).toBeLessThan(5_000);
      await handle.terminate('test over');
    });
  });

  it('an out-of-office "back on Thursday" pauses until the next window after the return date, then the follow-ups go on', async () => {
    let clock = virtualClock('2026-12-01T10:00', '2026-12-01T10:00', 2_000); // Tuesday 10:00
    const fake = windowActivities(() => clock);
    await withTestWorker(fake.activities, async ({ client, taskQueue }) => {
      clock = virtualClock('2026-12-01T10:00', '2026-12-01T10:00', 2_000);
      const handle = await client.workflow.start(followUpSequence, {
        taskQueue,
        workflowId: `wf-${randomUUID()}`,
        args: [input(clock)],
      });
      await handle.signal(outOfOfficeSignal, {
        receivedAt: new Date().toISOString(),
        returnDate: '2026-12-03',
        from: 'jane@prospect.test',
      });
      const paused = await eventually(async () => {
        const state = await handle.query(stateQuery);
        return state.status === 'paused' ? state : undefined;
      });
      expect(paused.reason).toContain('back on 2026-12-03');
      expect(clock.show(paused.resumeAt!)).toBe('Fri 09:00'); // the day after the return date, at the window's opening
      expect(paused.nextFollowUpAt).toBeNull();
      await eventually(() => fake.sent.length >= 1 || undefined, 15_000, 'follow-up 1 sent after the pause');
      // Wednesday's follow-up 1 was held through the absence and went out when the pause ended.
      expect(fake.sent[0].at).toBeGreaterThanOrEqual(Date.parse(paused.resumeAt!));
      await handle.terminate('test over');
    });
  });

  it('a real reply during the out-of-office pause stops everything', async () => {
    const clock = virtualClock('2026-12-01T10:00', '2026-12-01T10:00', 2_000);
    const fake = windowActivities(() => clock);
    await withTestWorker(fake.activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start(followUpSequence, {
        taskQueue,
        workflowId: `wf-${randomUUID()}`,
        args: [input(clock)],
      });
      await handle.signal(outOfOfficeSignal, {
        receivedAt: new Date().toISOString(),
        returnDate: '2026-12-07',
        from: 'jane@prospect.test',
      });
      await eventually(async () => ((await handle.query(stateQuery)).status === 'paused' ? true : undefined));
      await handle.signal(replyReceivedSignal, {
        messageId: '<r1@prospect.test>',
        from: 'jane@prospect.test',
        receivedAt: new Date().toISOString(),
      });
      const result = await handle.result();
      expect(result.status).toBe('replied');
      expect(result.steps.map((s) => s.status)).toEqual(['discarded', 'discarded', 'discarded']);
      expect(fake.sent).toEqual([]);
    });
  });
});

describe('out-of-office in a sequence without a sending window', () => {
  /** Follow-ups `days` after now, compressed; `outOfOffice` as the rules engine sets it when there is no window. */
  function plainInput(days: number[], outOfOffice?: FollowUpSequenceInput['outOfOffice']): FollowUpSequenceInput {
    const start = Date.now();
    const steps = days.map((d, i) => ({
      step: i + 1,
      draftId: `d${i + 1}`,
      responseId: `r${i + 1}`,
      sendAt: new Date(start + d * 1000).toISOString(),
    }));
    return sequenceInput(steps, outOfOffice ? { outOfOffice } : {});
  }

  it('pauses for pause_days (divided like the delays) when no return date is named, then sends with the spacing kept', async () => {
    const fake = windowActivities(() => virtualClock('2026-12-01T10:00', '2026-12-01T10:00', 1_000));
    await withTestWorker(fake.activities, async ({ client, taskQueue }) => {
      const outOfOffice = { policy: 'pause_until_return' as const, pauseDays: 3 };
      const handle = await client.workflow.start(followUpSequence, {
        taskQueue,
        workflowId: `wf-${randomUUID()}`,
        args: [plainInput([1.5, 3], outOfOffice)],
      });
      const receivedAt = new Date().toISOString();
      await handle.signal(outOfOfficeSignal, { receivedAt, returnDate: null, from: 'jane@prospect.test' });
      const paused = await eventually(async () => {
        const state = await handle.query(stateQuery);
        return state.status === 'paused' ? state : undefined;
      });
      expect(Date.parse(paused.resumeAt!) - Date.parse(receivedAt)).toBe(3_000); // 3 days of the compressed plan
      expect(paused.reason).toContain('out of office from jane@prospect.test');
      const result = await handle.result();
      expect(result.status).toBe('completed');
      expect(fake.sent.map((s) => s.draftId)).toEqual(['d1', 'd2']);
      expect(fake.sent[0].at).toBeGreaterThanOrEqual(Date.parse(paused.resumeAt!));
      expect(fake.sent[1].at - fake.sent[0].at).toBeGreaterThanOrEqual(1_400); // 1.5 days apart, as planned
    });
  });

  it("follows the rule's stop policy, and ignores the reply in a sequence started before every sequence had a policy", async () => {
    const fake = windowActivities(() => virtualClock('2026-12-01T10:00', '2026-12-01T10:00', 1_000));
    await withTestWorker(fake.activities, async ({ client, taskQueue }) => {
      const away = { receivedAt: new Date().toISOString(), returnDate: '2030-01-07', from: 'jane@prospect.test' };
      const stopping = await client.workflow.start(followUpSequence, {
        taskQueue,
        workflowId: `wf-${randomUUID()}`,
        args: [plainInput([60], { policy: 'stop', pauseDays: 7 })],
      });
      const older = await client.workflow.start(followUpSequence, {
        taskQueue,
        workflowId: `wf-${randomUUID()}`,
        args: [plainInput([60])],
      });
      await stopping.signal(outOfOfficeSignal, away);
      await older.signal(outOfOfficeSignal, away);
      expect(await stopping.result()).toMatchObject({
        status: 'stopped',
        reason: 'stopped: out-of-office reply from jane@prospect.test',
      });
      const ignored = await eventually(async () => {
        const state = await older.query(stateQuery);
        return state.timeline.some((t) => t.endsWith('out-of-office reply from jane@prospect.test ignored'))
          ? state
          : undefined;
      });
      expect(ignored.status).toBe('active');
      await older.terminate('test over');
    });
  });
});

describe('a reserved send slot left unused is given back', () => {
  const capped: SequenceSchedule = { ...schedule, caps: { perDay: 10, spacingSeconds: 30 } };
  /** Follow-ups due in `ms` from now, with a daily cap; the first reservation answers a slot `firstSlotInMs` after the due time, later ones the due time. */
  function cappedSequence(ms: number[], firstSlotInMs: number) {
    const start = Date.now();
    const steps = ms.map((d, i) => ({
      step: i + 1,
      draftId: `d${i + 1}`,
      responseId: `r${i + 1}`,
      sendAt: new Date(start + d).toISOString(),
    }));
    const reserved: string[] = [];
    const reserveSendTime = async ({ notBefore }: { notBefore: string }) => {
      reserved.push(notBefore);
      return {
        sendAt: new Date(
          Math.max(Date.parse(notBefore), Date.now()) + (reserved.length === 1 ? firstSlotInMs : 0),
        ).toISOString(),
      };
    };
    const clock = virtualClock('2026-12-01T10:00', '2026-12-01T10:00', 1_000);
    return {
      input: sequenceInput(steps, { schedule: capped }),
      reserved,
      fake: windowActivities(() => clock, { reserveSendTime }),
    };
  }
  const reservedStep = async (handle: {
    query: (q: typeof stateQuery) => Promise<Awaited<ReturnType<typeof followUpSequence>>>;
  }) =>
    eventually(
      async () => ((await handle.query(stateQuery)).steps[0]?.reservedFrom ? true : undefined),
      10_000,
      'follow-up 1 reserved',
    );

  it('a reply while follow-up 1 sleeps until its slot: the reservation (that one only) is given back', async () => {
    const { input, fake } = cappedSequence([200, 60_000], 60_000);
    await withTestWorker(fake.activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start(followUpSequence, {
        taskQueue,
        workflowId: `wf-${randomUUID()}`,
        args: [input],
      });
      await reservedStep(handle);
      await handle.signal(replyReceivedSignal, {
        messageId: '<r1@prospect.test>',
        from: 'jane@prospect.test',
        receivedAt: new Date().toISOString(),
      });
      expect(await handle.result()).toMatchObject({ status: 'replied' });
      expect(fake.released).toEqual([{ organizationId: 'org1', draftId: 'd1', notBefore: input.steps[0]!.sendAt }]);
      expect(fake.sent).toEqual([]);
    });
  });

  it('a pause gives the slot back; after the resume the follow-up reserves again and goes', async () => {
    const { input, fake, reserved } = cappedSequence([200], 2_000);
    await withTestWorker(fake.activities, async ({ client, taskQueue }) => {
      const handle = await client.workflow.start(followUpSequence, {
        taskQueue,
        workflowId: `wf-${randomUUID()}`,
        args: [input],
      });
      await reservedStep(handle);
      await handle.executeUpdate(pauseUpdate);
      await eventually(() => (fake.released.length ? true : undefined), 10_000, 'the slot given back');
      expect(fake.released).toEqual([{ organizationId: 'org1', draftId: 'd1', notBefore: input.steps[0]!.sendAt }]);
      await handle.executeUpdate(resumeUpdate);
      expect(await handle.result()).toMatchObject({ status: 'completed' });
      expect(fake.sent.map((s) => s.draftId)).toEqual(['d1']);
      expect(reserved).toHaveLength(2);
      expect(fake.released).toHaveLength(1); // the second reservation was used
    });
  });
});
