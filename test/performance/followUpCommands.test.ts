// The MongoDB commands of one follow-up sent by the worker (issue 23): a sequence sleeps on its first
// timer, then everything the in-process worker does until the send activity has completed is counted.
import request from 'supertest';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { useAppWithWorker } from '../helpers/backgroundWorker';
import { commandsOf } from '../helpers/commandProfile';
import { eventually } from '../helpers/testWorker';

// "1 day" lasts 4 seconds: follow-up 1 is due 4 s after the trigger.
const DIVISOR = 21_600;
const TRIGGER = 'Here is the quote you requested';
const SENDER = 'alex@seller.test';
const PROSPECT = 'jane@prospect.test';
/** What a follow-up sent costs now (goal: 6). */
const MAX_COMMANDS = 20;

describe('the commands of one follow-up sent', () => {
  const getApp = useAppWithWorker({ delayDivisor: DIVISOR });

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
    const sent = await request(app.app)
      .post('/v1/drafts')
      .set(org.auth)
      .send({
        drafts: {
          subject: 'Quote',
          body: `${TRIGGER}.`,
          from_field: { address: SENDER },
          to_fields: [{ address: PROSPECT, name: 'Jane Prospect' }],
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
    expect(app.sink.list({ to: PROSPECT })).toHaveLength(1); // the initial mail only

    const { total, by } = await commandsOf(() =>
      eventually(
        async () => ((await history()).some((e) => e.activityTaskCompletedEventAttributes) ? true : undefined),
        60_000,
        'follow-up 1 sent and its activity completed',
      ),
    );
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
});
