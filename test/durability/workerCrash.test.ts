import request from 'supertest';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { useTestApp } from '../helpers/testApp';
import { eventually, newTaskQueue } from '../helpers/testWorker';
import { startWorkerProcess } from '../helpers/workerProcess';

// "1 day" lasts 4 seconds here: follow-ups at +4 s and +8 s.
const DIVISOR = 21_600;
const TRIGGER = 'Here is the quote you requested';

describe('a worker killed while follow-ups fall due', () => {
  const testApp = useTestApp({ taskQueue: newTaskQueue(), delayDivisor: DIVISOR });

  it('sends every follow-up exactly once after the worker is restarted', async () => {
    const org = await testApp.newOrganization();
    await request(testApp.app)
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({
        trigger_phrase: TRIGGER,
        senders: ['alex@seller.test'],
        followups: [
          {
            body: 'Just checking in on the quote, {{ recipient.first_name }}.',
            send_after: { amount: 1, unit: 'days' },
          },
          { body: 'Following up on my previous message.', send_after: { amount: 2, unit: 'days' } },
        ],
      })
      .expect(201);

    let worker = startWorkerProcess(testApp);
    // A slow start must not let follow-up 1 fall due before the kill; a failed start leaves no process behind.
    await worker.ready().catch(async (error) => {
      await worker.kill();
      throw error;
    });
    const sent = await request(testApp.app)
      .post('/v1/drafts')
      .set(org.auth)
      .send({
        drafts: {
          subject: 'Quote',
          body: `${TRIGGER}.`,
          from_field: { address: 'alex@seller.test' },
          to_fields: [{ address: 'jane@prospect.test' }],
          send: true,
        },
      })
      .expect(201);
    const conversation = sent.body.drafts.conversation;
    const handle = testApp.deps.temporal.workflow.getHandle(sequenceWorkflowId(org.id, conversation));
    // The worker has picked the sequence up (first workflow task done) before it dies.
    await eventually(
      async () => ((await handle.fetchHistory()).events?.some((e) => e.timerStartedEventAttributes) ? true : undefined),
      30_000,
      'sequence waiting on its first timer',
    );
    await worker.kill();

    // Both follow-ups fall due while no worker runs.
    await new Promise((r) => setTimeout(r, 9_000));
    expect(testApp.sink.list()).toHaveLength(1);

    worker = startWorkerProcess(testApp);
    try {
      await eventually(
        () => (testApp.sink.list().length >= 3 ? true : undefined),
        60_000,
        'both follow-ups after restart',
      );
      const result = await handle.result();
      expect(result.status).toBe('completed');
      await new Promise((r) => setTimeout(r, 2_000));
      const mails = testApp.sink.list();
      expect(mails).toHaveLength(3);
      expect(new Set(mails.map((m) => m.headers['Message-ID'])).size).toBe(3);
      const drafts = await request(testApp.app)
        .get(`/v1/conversations/${conversation}/drafts`)
        .set(org.auth)
        .expect(200);
      expect(drafts.body.drafts.map((d: { status: string }) => d.status)).toEqual(['sent', 'sent']);
    } finally {
      await worker.kill();
    }
  });
});
