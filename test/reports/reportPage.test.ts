import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Types } from 'mongoose';
import { chromium } from 'playwright-core';
import { countInboundMail, countOnce, countSequenceStarted, noteStepSent } from '@follow-ups/db';
import { useTestApp } from '../helpers/testApp';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = path.join(__dirname, '__screenshots__', 'reports.png');
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SENDER = 'alex@seller.test';

if (!fs.existsSync(CHROMIUM)) {
  console.warn(`report page browser test skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);
}
const describeWithChromium = fs.existsSync(CHROMIUM) ? describe : describe.skip;

/** A rule with three sequences counted through the real counting functions: two follow-ups sent, two replies. */
async function countedRule(organization: string, rule: string): Promise<void> {
  const now = Date.now();
  for (let i = 0; i < 3; i++) {
    const conversation = String(new Types.ObjectId());
    const trigger = String(new Types.ObjectId());
    const at = new Date(now - (3 - i) * 3 * 86_400_000);
    await countSequenceStarted({ organization, conversation, rule, sender: SENDER, trigger, at, steps: [1, 2, 3] });
    if (i === 2) continue;
    const sentAt = new Date(at.getTime() + 86_400_000);
    await noteStepSent(organization, conversation, trigger, 1, sentAt);
    await countOnce(`sent:${trigger}:1`, { organization, rule, sender: SENDER, at: sentAt }, { '1.sent': 1 });
    const subject = i === 0 ? '<b>Re: Your quote</b>' : 'Re: Your quote';
    await countInboundMail(
      organization,
      conversation,
      'reply',
      `<r${i}@prospect.test>`,
      new Date(sentAt.getTime() + (i + 1) * 5400_000),
      {
        from: 'jane@prospect.test',
        subject,
      },
    );
  }
}

describeWithChromium('report page in a real headless Chromium', () => {
  const testApp = useTestApp();
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = await new Promise<Server>((resolve) => {
      const s = testApp.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('signs in through the form and shows each rule with its charts, table and replies', async () => {
    const org = await testApp.newOrganization();
    const template = await request(testApp.app)
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({ trigger_phrase: 'Here is the quote you requested', senders: [SENDER], description: 'Quote <follow-ups>' })
      .expect(201);
    await countedRule(org.id, template.body.rules.id);

    // Without a session: a browser is sent to the form, anything else gets a 401.
    await request(testApp.app)
      .get('/reports')
      .set('Accept', 'text/html')
      .expect(303)
      .expect('Location', '/reports/login');
    await request(testApp.app).get('/reports').set('Accept', 'application/json').expect(401);
    await request(testApp.app).post('/reports/login').type('form').send({ token: 'fu_wrong' }).expect(401);
    const login = await request(testApp.app).post('/reports/login').type('form').send({ token: org.token }).expect(303);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(org.token);

    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reports-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: ARGS,
      headless: true,
      viewport: { width: 1366, height: 900 },
    });
    try {
      const page = await context.newPage();
      const response = await page.goto(`${base}/reports`);
      expect(page.url()).toBe(`${base}/reports/login`);
      expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
      await page.fill('input[name=token]', org.token);
      await Promise.all([page.waitForURL(`${base}/reports`), page.click('button[type=submit]')]);

      const section = page.locator('section.rule');
      await expect(section.locator('h2').textContent()).resolves.toBe('Quote <follow-ups>'); // escaped, shown as text
      expect(await section.locator('svg.funnel rect').count()).toBe(5); // started, 3 follow-ups, replied
      expect(await section.locator('svg.ttr rect').count()).toBeGreaterThan(10);
      const step1 = section.locator('table.steps tbody tr').nth(1);
      const cells = await step1.locator('td').allTextContents();
      expect(cells.slice(0, 5)).toEqual(['follow-up 1', '3', '2', '0', '2']); // scheduled, sent, discarded, replies
      expect(await section.locator('ul.replies li').count()).toBe(2);
      expect(await section.locator('ul.replies a').first().getAttribute('href')).toMatch(
        /^\/v1\/conversations\/[0-9a-f]{24}$/,
      );
      expect(await page.content()).toContain('&lt;b&gt;Re: Your quote&lt;/b&gt;');
      expect(await page.locator('script').count()).toBe(0);
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    } finally {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    }
  });
});
