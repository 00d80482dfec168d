import request from 'supertest';
import { realActivities, startTestApp, type TestApp } from '../helpers/testApp';
import { eventually, newTaskQueue, withTestWorker } from '../helpers/testWorker';

// The default template texts rendered on the real stack: signed by the sender's User record
// (name, signature), falling back to the from_field name; every value HTML-escaped but the signature.
const DIVISOR = 86_400; // "1 day" lasts a second
const TRIGGER = 'Here is the quote you requested';
const SIGNATURE = '<p>Alex Martin<br><a href="https://acme.test">Acme Sales</a></p>';

describe('follow-ups speak as the salesperson', () => {
  let testApp: TestApp;
  const taskQueue = newTaskQueue();
  beforeAll(async () => {
    testApp = await startTestApp({ taskQueue, delayDivisor: DIVISOR });
  });
  afterAll(() => testApp.close());

  it("renders the user's first name and signature, the from_field name without a record, and only for the team", async () => {
    const org = await testApp.newOrganization();
    const team = (
      await request(testApp.app)
        .post('/v1/teams')
        .set(org.auth)
        .send({ teams: { name: 'Sales' } })
        .expect(201)
    ).body.teams;
    await request(testApp.app)
      .post('/v1/users')
      .set(org.auth)
      .send({
        users: {
          email: 'alex@acme.test',
          name: 'Alex Martin',
          first_name: 'Al<b>ex',
          addresses: ['deals@acme.test'],
          signature: SIGNATURE,
        },
      })
      .expect(201);
    // sam@acme.test gets a User with its address only (the template creates one per sender).
    await request(testApp.app)
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({ trigger_phrase: TRIGGER, senders: ['deals@acme.test', 'sam@acme.test'], team: team.id })
      .expect(201);

    const send = (from: { address: string; name: string }, to: { address: string; name?: string }, withTeam = true) =>
      request(testApp.app)
        .post('/v1/drafts')
        .set(org.auth)
        .send({
          drafts: {
            subject: 'Your quote',
            body: `<p>${TRIGGER}.</p>`,
            from_field: from,
            to_fields: [to],
            send: true,
            ...(withTeam ? { team: team.id } : {}),
          },
        })
        .expect(201);

    await withTestWorker(
      realActivities(testApp),
      async () => {
        await send(
          { address: 'deals@acme.test', name: 'Deals desk' },
          { address: 'jo@prospect.test', name: 'Jo&Co <x>' },
        );
        await send({ address: 'sam@acme.test', name: 'Sam Seller' }, { address: 'kim@prospect.test' });
        const noTeam = await send(
          { address: 'sam@acme.test', name: 'Sam Seller' },
          { address: 'lee@prospect.test' },
          false,
        );

        const first = (to: string) =>
          eventually(
            () => testApp.sink.list({ to }).find((m) => m.subject === 'Re: Your quote'),
            20_000,
            `follow-up 1 to ${to}`,
          );
        const [jo, kim] = await Promise.all([first('jo@prospect.test'), first('kim@prospect.test')]);

        // Sent from an alias of Alex: his record speaks, values escaped, the signature as HTML.
        expect(jo.html).toContain('<p>Hi Jo&amp;Co,</p>');
        expect(jo.html).toContain('<p>Al&lt;b&gt;ex</p>');
        expect(jo.html!.endsWith(SIGNATURE)).toBe(true);
        expect(jo.text).toMatch(/Al<b>ex\s+Alex Martin\s+Acme Sales/);
        // Sam's record has no name: the from_field's first name, no signature; no name for Kim: the default.
        expect(kim.html).toContain('<p>Hi there,</p>');
        expect(kim.html!.endsWith('<p>Sam</p>')).toBe(true);
        for (const mail of [jo, kim]) expect(`${mail.html}${mail.text}`).not.toMatch(/\{\{|\}\}|\{%/);

        // "Team is": the same trigger without the team schedules nothing.
        const drafts = await request(testApp.app)
          .get(`/v1/conversations/${noTeam.body.drafts.conversation}/drafts`)
          .set(org.auth)
          .expect(200);
        expect(drafts.body.drafts).toEqual([]);
      },
      { taskQueue },
    );
  });
});
