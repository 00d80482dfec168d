import request from 'supertest';
import { Draft } from '@follow-ups/db';
import { replyAddress, replyToken } from '@follow-ups/domain';
import { seedFollowUpDrafts } from '../helpers/followUpDrafts';
import { inboundPayload } from '../helpers/inboundPayload';
import {
  realActivities,
  useTestApp,
  TEST_REPLY_DOMAIN,
  TEST_REPLY_SECRET,
  TEST_WEBHOOK_SECRET,
} from '../helpers/testApp';
import { eventually } from '../helpers/testWorker';

/**
 * The moment of the reply (docs/how-it-works.md, "Replies"): a follow-up whose SendGrid call is under way when the
 * reply arrives reaches SendGrid before the webhook answers 200; one not claimed yet is discarded.
 */
describe('a reply racing a follow-up', () => {
  let activities: ReturnType<typeof realActivities>;
  const testApp = useTestApp();
  beforeAll(async () => {
    activities = realActivities(testApp);
  });
  beforeEach(() => testApp.sink.clear());

  async function conversationWithFollowUps() {
    const { conversation, drafts, input } = await seedFollowUpDrafts(2);
    const reply = () =>
      inboundPayload({
        from: { address: 'jane@prospect.test', name: 'Jane Doe' },
        to: [replyAddress(replyToken(String(conversation._id), TEST_REPLY_SECRET), TEST_REPLY_DOMAIN)],
        subject: 'Re: Quote',
        text: 'Thanks!',
      });
    return { first: drafts[0], second: drafts[1], input, reply };
  }

  const slowSendGrid = (delayMs: number) =>
    fetch(`${testApp.sinkUrl}/sink/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ delayMs }),
    });

  it('a follow-up in flight when the reply arrives reaches SendGrid before the 200; the rest is discarded', async () => {
    const c = await conversationWithFollowUps();
    await slowSendGrid(800);
    const sending = activities.sendFollowUp(c.input(c.first));
    await eventually(
      async () => ((await Draft.findById(c.first._id).lean())?.status === 'sending' ? true : undefined),
      5_000,
      'the follow-up claimed',
    );

    await c.reply().post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'accepted' });
    const answeredAt = Date.now();
    const [mail] = testApp.sink.list();
    expect(mail).toBeDefined();
    expect(Date.parse(mail.receivedAt)).toBeLessThanOrEqual(answeredAt);
    expect(await sending).toMatchObject({ outcome: 'sent' });
    expect((await Draft.findById(c.second._id).lean())?.status).toBe('discarded');
    expect(await activities.sendFollowUp(c.input(c.second))).toMatchObject({
      outcome: 'skipped',
      status: 'discarded',
      replied: true,
    });
    expect(testApp.sink.list()).toHaveLength(1);
  });

  it('a follow-up not yet claimed when the reply arrives is never sent', async () => {
    const c = await conversationWithFollowUps();
    await c.reply().post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'accepted' });
    expect(await activities.sendFollowUp(c.input(c.first))).toEqual({
      outcome: 'skipped',
      status: 'discarded',
      reason: 'reply received',
      replied: true,
    });
    expect(testApp.sink.list()).toHaveLength(0);
  });
});
