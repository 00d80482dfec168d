import request from 'supertest';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { realActivities, useTestApp } from '../helpers/testApp';
import { eventually, newTaskQueue, withTestWorker } from '../helpers/testWorker';
import { createTemplateRule, playReply, sendTrigger } from './fixtures';

// "1 day" lasts 3 seconds.
const DIVISOR = 28_800;

describe('sequence API and visibility on the real stack', () => {
  const taskQueue = newTaskQueue();
  const testApp = useTestApp({ taskQueue, delayDivisor: DIVISOR });

  const run = <T>(fn: () => Promise<T>) => withTestWorker(realActivities(testApp), fn, { taskQueue });

  it('is found by conversation; SequenceStatus and NextFollowUpAt follow the steps and the reply', async () => {
    const org = await testApp.newOrganization();
    const rule = await createTemplateRule(testApp, org.auth, [1, 3]);
    await run(async () => {
      const conversation = await sendTrigger(testApp, org.auth);
      const id = sequenceWorkflowId(org.id, conversation);
      const listed = await eventually(
        async () => {
          const page = (
            await request(testApp.app).get(`/v1/sequences?conversation=${conversation}`).set(org.auth).expect(200)
          ).body;
          return page.sequences.length ? page : undefined;
        },
        20_000,
        'sequence in visibility',
      );
      expect(listed.sequences[0]).toMatchObject({
        id,
        conversation,
        rule,
        recipient: 'jane@prospect.test',
        sender: 'alex@seller.test',
        status: 'active',
        follow_ups_sent: 0,
      });
      const firstDue = listed.sequences[0].next_follow_up_at;
      expect(firstDue).toBeGreaterThan(0);

      // A visibility query on the custom attribute, as ops type it in the Temporal UI.
      const found: string[] = [];
      for await (const wf of testApp.deps.temporal.workflow.list({ query: `ConversationId = '${conversation}'` }))
        found.push(wf.workflowId);
      expect(found).toEqual([id]);

      // After follow-up 1: one sent, next due is step 2.
      const afterFirst = await eventually(
        async () => {
          const s = (await request(testApp.app).get(`/v1/sequences?conversation=${conversation}`).set(org.auth)).body
            .sequences[0];
          return s?.follow_ups_sent === 1 ? s : undefined;
        },
        20_000,
        'FollowUpsSent = 1',
      );
      expect(afterFirst.next_follow_up_at).toBeGreaterThan(firstDue);
      const detail = (await request(testApp.app).get(`/v1/sequences/${id}`).set(org.auth).expect(200)).body.sequences;
      expect(detail.steps.map((s: { status: string }) => s.status)).toEqual(['sent', 'scheduled']);

      await playReply(testApp, org.auth, conversation);
      const replied = await eventually(
        async () => {
          const s = (
            await request(testApp.app).get(`/v1/sequences?conversation=${conversation}&status=replied`).set(org.auth)
          ).body.sequences[0];
          return s ?? undefined;
        },
        20_000,
        'SequenceStatus = replied',
      );
      expect(replied).toMatchObject({ status: 'replied', next_follow_up_at: null, follow_ups_sent: 1 });
      expect(replied.closed_at).not.toBeNull();
    });
  });

  it('stop discards the remaining drafts; controls on a finished sequence are 409', async () => {
    const org = await testApp.newOrganization();
    await createTemplateRule(testApp, org.auth, [5, 6]);
    await run(async () => {
      const conversation = await sendTrigger(testApp, org.auth, 'stop@prospect.test');
      const id = sequenceWorkflowId(org.id, conversation);
      await eventually(
        async () =>
          (await request(testApp.app).get(`/v1/sequences/${id}`).set(org.auth)).status === 200 ? true : undefined,
        10_000,
        'sequence',
      );
      const stopped = await request(testApp.app)
        .post(`/v1/sequences/${id}/stop`)
        .set(org.auth)
        .send({ reason: 'deal closed' })
        .expect(200);
      expect(stopped.body.sequences).toMatchObject({ status: 'stopped', next_follow_up_at: null });
      expect(stopped.body.sequences.steps.map((s: { status: string }) => s.status)).toEqual(['discarded', 'discarded']);
      const drafts = (
        await request(testApp.app).get(`/v1/conversations/${conversation}/drafts`).set(org.auth).expect(200)
      ).body.drafts;
      expect(drafts.map((d: { status: string; reason: string }) => [d.status, d.reason])).toEqual([
        ['discarded', 'stopped: deal closed'],
        ['discarded', 'stopped: deal closed'],
      ]);
      const listedStopped = await eventually(
        async () => (await request(testApp.app).get(`/v1/sequences?status=stopped`).set(org.auth)).body.sequences[0],
        20_000,
        'SequenceStatus = stopped',
      );
      expect(listedStopped.id).toBe(id);

      for (const action of ['stop', 'pause', 'resume']) {
        const res = await request(testApp.app).post(`/v1/sequences/${id}/${action}`).set(org.auth).send({}).expect(409);
        expect(res.body.error.code).toBe('conflict');
      }
      expect(testApp.sink.list({ to: 'stop@prospect.test' }).filter((m) => m.subject.startsWith('Re:'))).toHaveLength(
        0,
      );
    });
  });

  it('pause holds a due follow-up; resume shifts the remaining steps by the pause and releases them', async () => {
    const org = await testApp.newOrganization();
    await createTemplateRule(testApp, org.auth, [2, 3]);
    await run(async () => {
      const recipient = 'pause@prospect.test';
      const conversation = await sendTrigger(testApp, org.auth, recipient);
      const id = sequenceWorkflowId(org.id, conversation);
      await eventually(
        async () =>
          (await request(testApp.app).get(`/v1/sequences/${id}`).set(org.auth)).status === 200 ? true : undefined,
        10_000,
        'sequence',
      );
      const paused = (await request(testApp.app).post(`/v1/sequences/${id}/pause`).set(org.auth).send({}).expect(200))
        .body.sequences;
      expect(paused).toMatchObject({ status: 'paused', next_follow_up_at: null });
      const planned = paused.steps.map((s: { send_at: number }) => s.send_at);
      await request(testApp.app).post(`/v1/sequences/${id}/pause`).set(org.auth).send({}).expect(409);

      await new Promise((r) => setTimeout(r, 10_000)); // both steps (6 s, 9 s) fall due while paused
      const followUps = () => testApp.sink.list({ to: recipient }).filter((m) => m.subject.startsWith('Re:'));
      expect(followUps()).toHaveLength(0);

      const resumed = (await request(testApp.app).post(`/v1/sequences/${id}/resume`).set(org.auth).send({}).expect(200))
        .body.sequences;
      expect(resumed.status).toBe('active');
      resumed.steps.forEach((s: { send_at: number }, i: number) =>
        expect(s.send_at - planned[i]).toBeGreaterThanOrEqual(9),
      );
      const drafts = (await request(testApp.app).get(`/v1/conversations/${conversation}/drafts`).set(org.auth)).body
        .drafts;
      expect(drafts.map((d: { send_at: number }) => d.send_at)).toEqual(
        resumed.steps.map((s: { send_at: number }) => s.send_at),
      );

      await eventually(() => (followUps().length === 2 ? true : undefined), 20_000, 'both follow-ups after resume');
      const first = followUps()[0];
      expect(Date.parse(first.receivedAt) / 1000).toBeGreaterThanOrEqual(resumed.steps[0].send_at - 1);
    });
  });

  it("another organization's sequence does not exist", async () => {
    const orgA = await testApp.newOrganization('A');
    const orgB = await testApp.newOrganization('B');
    await createTemplateRule(testApp, orgA.auth, [5]);
    await run(async () => {
      const conversation = await sendTrigger(testApp, orgA.auth);
      const id = sequenceWorkflowId(orgA.id, conversation);
      await eventually(
        async () =>
          (await request(testApp.app).get(`/v1/sequences?conversation=${conversation}`).set(orgA.auth)).body.sequences
            .length
            ? true
            : undefined,
        20_000,
        'listed for A',
      );
      expect(
        (await request(testApp.app).get(`/v1/sequences?conversation=${conversation}`).set(orgB.auth).expect(200)).body
          .sequences,
      ).toEqual([]);
      await request(testApp.app).get(`/v1/sequences/${id}`).set(orgB.auth).expect(404);
      await request(testApp.app).post(`/v1/sequences/${id}/stop`).set(orgB.auth).send({}).expect(404);
      await request(testApp.app).get(`/v1/conversations/${conversation}`).set(orgB.auth).expect(404);
      await request(testApp.app).get('/v1/sequences/followups-nope').set(orgA.auth).expect(404);
      await request(testApp.app).post(`/v1/sequences/${id}/stop`).set(orgA.auth).send({}).expect(200);
    });
  });

  it('answers from the drafts when no worker can answer the query', async () => {
    const org = await testApp.newOrganization();
    await createTemplateRule(testApp, org.auth, [5, 6]);
    const conversation = await sendTrigger(testApp, org.auth, 'noworker@prospect.test'); // no worker runs here
    const id = sequenceWorkflowId(org.id, conversation);
    const started = Date.now();
    const detail = (await request(testApp.app).get(`/v1/sequences/${id}`).set(org.auth).expect(200)).body.sequences;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(detail.steps.map((s: { step: number; status: string }) => [s.step, s.status])).toEqual([
      [1, 'scheduled'],
      [2, 'scheduled'],
    ]);
    await testApp.deps.temporal.workflow.getHandle(id).terminate('test over');
  });
});
