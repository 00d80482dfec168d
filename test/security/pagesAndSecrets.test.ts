// The unsubscribe page's headers and form action, the separate Event Webhook URL secret and a
// rotation of REPLY_TOKEN_SECRET, through the real ingest app on the test servers.
import request from 'supertest';
import { buildApp } from '@follow-ups/ingest';
import { unsubscribeLinkToken } from '@follow-ups/domain';
import { TEST_REPLY_SECRET, TEST_WEBHOOK_SECRET, useTestApp } from '../helpers/testApp';

const ORG = '65f0a1b2c3d4e5f601234567';
const PUBLIC = 'https://followups.example';

describe('the unsubscribe page', () => {
  const testApp = useTestApp();
  const app = () => buildApp({ ...testApp.deps, publicBaseUrl: PUBLIC });
  const token = unsubscribeLinkToken(ORG, 'pat@prospect.io', TEST_REPLY_SECRET);

  it('posts its form to the configured public URL, whatever Host the request named', async () => {
    const page = await request(app())
      .get(`/u/${token}`)
      .set('Host', 'evil.example')
      .set('X-Forwarded-Host', 'evil.example')
      .expect(200);
    expect(page.text).toContain(`action="${PUBLIC}/u/${token}"`);
    expect(page.text).not.toContain('evil.example');
  });

  it('forbids scripts, framing, third-party assets and the referrer', async () => {
    for (const path of [`/u/${token}`, '/u/not-a-token']) {
      const page = await request(app()).get(path);
      const csp = page.headers['content-security-policy'] ?? '';
      expect(csp).toMatch(/^default-src 'none';/);
      expect(csp).toContain(`form-action 'self' ${PUBLIC};`);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*';/);
      expect(csp).not.toMatch(/unsafe-inline|script-src/);
      expect(page.headers).toMatchObject({ 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
      expect(page.text).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
      expect(page.text.match(/https?:\/\/[^"\s<]+/g) ?? []).toEqual(
        path.includes(token) ? [`${PUBLIC}/u/${token}`] : [],
      );
    }
  });

  it('verifies a link signed with the previous secret during a rotation, and not after it', async () => {
    const rotated = { ...testApp.deps, replyTokenSecret: 'the-new-secret-after-rotation' };
    await request(buildApp({ ...rotated, replyTokenPreviousSecret: TEST_REPLY_SECRET }))
      .get(`/u/${token}`)
      .expect(200);
    await request(buildApp(rotated)).get(`/u/${token}`).expect(404);
  });
});

describe('the two webhook URL secrets', () => {
  const testApp = useTestApp();
  const EVENTS_SECRET = 'a-separate-event-webhook-secret';
  const events = (app: ReturnType<typeof buildApp>, secret: string) =>
    request(app).post(`/webhooks/sendgrid/events/${secret}`).set('Content-Type', 'application/json').send('[]');

  it('with EVENT_WEBHOOK_URL_SECRET set, the Event Webhook takes only it and Inbound Parse only its own', async () => {
    const app = buildApp({ ...testApp.deps, eventWebhookUrlSecret: EVENTS_SECRET });
    await events(app, TEST_WEBHOOK_SECRET).expect(401);
    expect((await events(app, EVENTS_SECRET)).status).not.toBe(401); // then the signature is checked
    await request(app).post(`/webhooks/sendgrid/inbound/${EVENTS_SECRET}`).field('to', 'x@y.z').expect(401);
  });

  it('without it, the Event Webhook keeps the inbound secret (an upgrade changes no URL)', async () => {
    const app = buildApp(testApp.deps);
    expect((await events(app, TEST_WEBHOOK_SECRET)).status).not.toBe(401);
    await events(app, EVENTS_SECRET).expect(401);
  });
});
