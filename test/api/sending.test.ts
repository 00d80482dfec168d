// Sending settings through the API: rule and template `sending`, organization defaults, contacts'
// time zones (API and to_fields). Bad input is a 400 that changes nothing.
import request from 'supertest';
import { DateTime } from 'luxon';
import { addDelay, DEFAULT_WINDOW, nextOpening, sequenceWorkflowId } from '@follow-ups/domain';
import { Contact, contactId, Message, Organization, Rule } from '@follow-ups/db';
import { startTestApp, type TestApp } from '../helpers/testApp';

type Org = Awaited<ReturnType<TestApp['newOrganization']>>;

let testApp: TestApp;
let org: Org;

beforeAll(async () => {
  testApp = await startTestApp();
  org = await testApp.newOrganization('Windows');
});
afterAll(() => testApp.close());

const api = () => request(testApp.app);
const template = (body: object) =>
  api()
    .post('/v1/rules/templates/automatic-follow-ups')
    .set(org.auth)
    .send({ trigger_phrase: 'Here is the quote you requested', senders: ['ae@seller.test'], ...body });

describe('sending settings', () => {
  it('the template rule gets weekdays 09:00–17:00 recipient time and the out-of-office pause by default', async () => {
    const res = await template({ description: 'Defaults' });
    expect(res.status).toBe(201);
    expect(res.body.rules.sending).toEqual({
      window: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
      time_zone_source: 'recipient',
      business_days: false,
      holidays: null,
      daily_cap: null,
      out_of_office: { policy: 'pause_until_return', pause_days: 7 },
    });
  });

  it('takes a window, holidays and a cap, and refuses an unknown holiday calendar or a backwards window with nothing written', async () => {
    const ok = await template({
      description: 'Custom',
      sending: {
        window: { days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30' },
        holidays: { country: 'DE', region: 'BY', dates: ['2026-12-31'] },
        daily_cap: { per_day: 200, per_organization_per_day: 500 },
      },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.rules.sending).toMatchObject({
      window: { start: '08:30', end: '17:30' },
      holidays: { country: 'DE', region: 'BY', dates: ['2026-12-31'] },
      daily_cap: { per_day: 200, spacing_seconds: 30, per_organization_per_day: 500 },
    });
    const before = await Rule.countDocuments({ organization: org.id });
    for (const sending of [
      { holidays: { country: 'XX' } },
      { holidays: { country: 'DE', region: 'ZZ' } },
      { window: { days: [1], start: '17:00', end: '09:00' } },
      { window: { days: [8], start: '09:00', end: '17:00' } },
      { daily_cap: { per_day: 0 } },
      { daily_cap: { per_day: 10, per_organization_per_day: 0 } },
      { daily_cap: { per_day: 10, per_organization_per_day: 2.5 } },
    ]) {
      const res = await template({ description: `Bad ${JSON.stringify(sending)}`, sending });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_error');
    }
    expect(await Rule.countDocuments({ organization: org.id })).toBe(before);
  });

  it('organization time zone and default sending through /v1/settings; a zone that is not IANA is a 400', async () => {
    const res = await api()
      .patch('/v1/settings')
      .set(org.auth)
      .send({ settings: { time_zone: 'Europe/Berlin', sending: { out_of_office: { policy: 'stop' } } } });
    expect(res.status).toBe(200);
    expect(res.body.settings.time_zone).toBe('Europe/Berlin');
    expect(res.body.settings.sending.out_of_office.policy).toBe('stop');
    for (const time_zone of ['Mars/Olympus', 'GMT+2 summer', '../etc/passwd']) {
      const bad = await api().patch('/v1/settings').set(org.auth).send({ settings: { time_zone } });
      expect(bad.status).toBe(400);
    }
    const stored = await Organization.findById(org.id).lean();
    expect(stored?.settings?.timeZone).toBe('Europe/Berlin');
  });

  it("sets a contact's time zone through the API, and refuses a bad one", async () => {
    const put = await api()
      .put('/v1/contacts/Jane@Prospect.test')
      .set(org.auth)
      .send({ contacts: { time_zone: 'America/New_York' } });
    expect(put.status).toBe(200);
    expect(put.body.contacts).toEqual({ address: 'jane@prospect.test', time_zone: 'America/New_York' });
    expect((await api().get('/v1/contacts/jane@prospect.test').set(org.auth)).body.contacts.time_zone).toBe(
      'America/New_York',
    );
    const bad = await api()
      .put('/v1/contacts/jane@prospect.test')
      .set(org.auth)
      .send({ contacts: { time_zone: 'New York' } });
    expect(bad.status).toBe(400);
    expect((await Contact.findById(contactId(org.id, 'jane@prospect.test')).lean())?.timeZone).toBe('America/New_York');
  });

  const sendTo = (recipient: { address: string; time_zone: string }) =>
    api()
      .post('/v1/drafts')
      .set(org.auth)
      .send({
        drafts: {
          subject: 'Hi',
          body: 'Hello',
          from_field: { address: 'ae@seller.test' },
          to_fields: [recipient],
          send: true,
        },
      });

  it('a bad time_zone in to_fields is a 400 that sends nothing', async () => {
    const before = testApp.sink.list().length;
    const res = await sendTo({ address: 'bo@prospect.test', time_zone: 'Nowhere/Land' });
    expect(res.status).toBe(400);
    expect(testApp.sink.list().length).toBe(before);
    expect(await Contact.findById(contactId(org.id, 'bo@prospect.test')).lean()).toBeNull();
  });

  it('a good time_zone in to_fields is kept on the contact', async () => {
    const res = await sendTo({ address: 'cy@prospect.test', time_zone: 'Asia/Tokyo' });
    expect(res.status).toBe(201);
    expect((await Contact.findById(contactId(org.id, 'cy@prospect.test')).lean())?.timeZone).toBe('Asia/Tokyo');
  });
});

describe('a template rule plans its follow-ups inside the window, in the recipient zone', () => {
  it('each follow-up goes at the next opening of weekdays 09:00–17:00 Asia/Tokyo, and the plan shows the nominal time', async () => {
    const o = await testApp.newOrganization('Tokyo windows');
    const trigger = 'Here is the quote you requested';
    expect(
      (
        await api()
          .post('/v1/rules/templates/automatic-follow-ups')
          .set(o.auth)
          .send({ trigger_phrase: trigger, senders: ['ae@seller.test'] })
      ).status,
    ).toBe(201);
    const sent = await api()
      .post('/v1/drafts')
      .set(o.auth)
      .send({
        drafts: {
          subject: 'Your quote',
          body: `Hi, ${trigger}.`,
          from_field: { address: 'ae@seller.test' },
          to_fields: [{ address: 'ken@prospect.test', time_zone: 'Asia/Tokyo' }],
          send: true,
        },
      });
    expect(sent.status).toBe(201);
    const conversation: string = sent.body.drafts.conversation;
    const sequence = await api()
      .get(`/v1/sequences/${sequenceWorkflowId(o.id, conversation)}`)
      .set(o.auth);
    expect(sequence.status).toBe(200);
    const at = (await Message.findOne({ conversation, direction: 'outgoing' }).lean())!.at.getTime();
    const policy = { window: DEFAULT_WINDOW, timeZone: 'Asia/Tokyo', businessDays: false, holidays: null };
    const expected = [1, 3, 7].map((days) => {
      const nominal = addDelay(new Date(at), { amount: days, unit: 'days' }, policy);
      return nextOpening(nominal, policy);
    });
    const steps: { send_at: number; nominal_send_at?: number | null }[] = sequence.body.sequences.steps;
    expect(steps).toHaveLength(3);
    steps.forEach((step, i) => {
      // The domain's answer, to the second the API shows.
      expect(Math.abs(step.send_at * 1000 - expected[i].getTime())).toBeLessThanOrEqual(1000);
      const local = DateTime.fromMillis(step.send_at * 1000, { zone: 'Asia/Tokyo' });
      expect(local.weekday).toBeLessThanOrEqual(5);
      expect(local.hour * 60 + local.minute).toBeGreaterThanOrEqual(9 * 60);
      expect(local.hour).toBeLessThan(17);
      expect(step.nominal_send_at === null || step.nominal_send_at! <= step.send_at).toBe(true);
    });
    await testApp.deps.temporal.workflow.getHandle(sequenceWorkflowId(o.id, conversation)).terminate('test over');
  });
});
