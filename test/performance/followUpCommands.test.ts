// The MongoDB commands of one follow-up sent by the worker (issue 23): a sequence sleeps on its first
// timer, then everything the in-process worker does until the send (a local activity) is recorded in the history is counted
// (the organization's caches already warm, as in the benchmark's many follow-ups of one organization).
import request from 'supertest';
import { HookDelivery } from '@follow-ups/db';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { useAppWithWorker } from '../helpers/backgroundWorker';
import { commandsOf } from '../helpers/commandProfile';
import { eventually } from '../helpers/testWorker';

// "1 day" lasts 4 seconds: follow-up 1 is due 4 s after the trigger.
const DIVISOR = 21_600;
const TRIGGER = 'Here is the quote you requested';
const SENDER = 'alex@seller.test';
const PROSPECT = 'jane@prospect.test';
/**
 * What a follow-up sent costs: 20 before issue 23, 16 before the analytics lock and mark went and the sent
 * move lost its record and the suppression check its read, 11 before its step was noted in the write of
 * its conversation's thread (goal 6).
 */
const MAX_COMMANDS = 10;

describe('the commands of one follow-up sent', () => {
  const getApp = useAppWithWorker({ delayDivisor: DIVISOR });

  /** Sends the trigger of a new conversation with `prospect`; resolves once its sequence sleeps on its first timer. */
  async function sleepingSequence(org: { id: string; auth: Record<string, string> }, prospect: string) {
    const app = getApp();
    const sent = await request(app.app)
      .post('/v1/drafts')
      .set(org.auth)
      .send({
        drafts: {
          subject: 'Quote',
          body: `${TRIGGER}.`,
          from_field: { address: SENDER },
          to_fields: [{ address: prospect, name: 'Jane Prospect' }],
          send: true,
        },
      })
      .expect(201);
    const handle = app.deps.temporal.workflow.getHandle(sequenceWorkflowId(org.id, sent.body.drafts.conversation));
    const history = async () => (await handle.fetchHistory()).events ?? [];
    await eventually(
      async () => ((await history()).some((e) => e.timerStartedEventAttributes) ? true : undefined),
      30_000,
      'sequence sleeping on its first timer',
    );
    const followUpSent = () =>
      eventually(
        async () =>
          (await history()).some((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')
            ? true
            : undefined,
        60_000,
        'follow-up 1 sent and its local activity recorded',
      );
    return { followUpSent };
  }

  it(`sends follow-up 1 in at most ${MAX_COMMANDS} MongoDB commands`, async () => {
    const app = getApp();
    const org = await app.newOrganization();
    await request(app.app)
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({
        trigger_phrase: TRIGGER,
        senders: [SENDER],
        followups: [
          {
            body: 'Just checking in on the quote, {{ recipient.first_name }}.',
            send_after: { amount: 1, unit: 'days' },
          },
          { body: 'Following up on my previous message.', send_after: { amount: 5, unit: 'days' } },
        ],
      })
      .expect(201);
    // The first conversation's follow-up fills the worker's caches (users, responses, hooks), as the
    // organization's earlier follow-ups would have; the second one is counted.
    await (await sleepingSequence(org, 'first@prospect.test')).followUpSent();
    const { followUpSent } = await sleepingSequence(org, PROSPECT);
    expect(app.sink.list({ to: PROSPECT })).toHaveLength(1); // the initial mail only

    const { total, by } = await commandsOf(followUpSent);
    console.log(
      `one follow-up sent: ${total} commands\n${Object.entries(by)
        .sort((a, b) => b[1] - a[1])
        .map(([key, n]) => `  ${key} ${n}×`)
        .join('\n')}`,
    );
    const mails = app.sink.list({ to: PROSPECT });
    expect(mails).toHaveLength(2);
    expect(mails[1].text).toContain('Just checking in on the quote, Jane.');
    expect(total).toBeLessThanOrEqual(MAX_COMMANDS);
  });

  it('a canned response edited and a hook added between two follow-ups: the next follow-up sees both', async () => {
    const app = getApp();
    const org = await app.newOrganization();
    const template = await request(app.app)
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({
        trigger_phrase: TRIGGER,
        senders: [SENDER],
        followups: [
          { body: 'Checking in, first wording here.', send_after: { amount: 1, unit: 'days' } },
          { body: 'Following up one last time.', send_after: { amount: 5, unit: 'days' } },
        ],
      })
      .expect(201);
    await (await sleepingSequence(org, 'early@prospect.test')).followUpSent(); // caches filled
    const later = await sleepingSequence(org, 'later@prospect.test');
    await request(app.app)
      .patch(`/v1/responses/${template.body.responses[0].id}`)
      .set(org.auth)
      .send({ responses: { body: 'Checking in, second wording here.' } })
      .expect(200);
    await request(app.app)
      .post('/v1/hooks')
      .set(org.auth)
      .send({ hooks: { type: 'followup_sent', url: 'https://crm.example.com/hooks/followups', organization: org.id } })
      .expect(201);
    await later.followUpSent();

    expect(app.sink.list({ to: 'early@prospect.test' })[1].text).toContain('Checking in, first wording here.');
    expect(app.sink.list({ to: 'later@prospect.test' })[1].text).toContain('Checking in, second wording here.');
    expect(await HookDelivery.countDocuments({ organization: org.id, type: 'followup_sent' })).toBe(1);
  });
});
