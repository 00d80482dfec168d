// The dry run plans daily caps as the worker would reserve them now, and claims nothing: a sender
// whose day is already full sees that follow-up on the next day, with the reason.
import request from 'supertest';
import { DateTime } from 'luxon';
import { SendSlot } from '@follow-ups/db';
import { documentCounts as counts } from '../helpers/documentCounts';
import { startTestApp, type TestApp } from '../helpers/testApp';
import { newTaskQueue } from '../helpers/testWorker';

const TRIGGER = 'Here is the quote you requested';
const SENDER = { address: 'alex@seller.test', name: 'Alex Seller' };
const PROSPECT = { address: 'jane@prospect.test', name: 'Jane Doe' };

describe('dry run with a daily cap', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ taskQueue: newTaskQueue() }); // real delays: the plan's sending policy applies
  });
  afterAll(() => testApp.close());

  it("moves a follow-up past a day the sender's cap already fills, and writes nothing", async () => {
    const org = await testApp.newOrganization();
    await request(testApp.app)
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({
        trigger_phrase: TRIGGER,
        senders: [SENDER.address],
        sending: {
          window: { days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '23:59' },
          time_zone_source: 'organization',
          daily_cap: { per_day: 1 },
        },
      })
      .expect(201);
    const body = {
      drafts: { subject: 'Your quote', body: `<p>Hi Jane, ${TRIGGER}.</p>`, from_field: SENDER, to_fields: [PROSPECT] },
    };
    const dryRun = async () =>
      (await request(testApp.app).post('/v1/rules/dry_run').set(org.auth).send(body).expect(200)).body.dry_run;

    const free = (await dryRun()).matched[0].followups;
    const dayOf = (seconds: number) => DateTime.fromSeconds(seconds, { zone: 'UTC' }).toISODate()!;
    // The first follow-up's day is taken: its one ticket already claimed (as the worker would have).
    const day = dayOf(free[0].send_at);
    await SendSlot.create({ _id: `${org.id}|${SENDER.address}|${day}|t0`, at: new Date(`${day}T00:00:00Z`) });

    const before = await counts();
    const full = (await dryRun()).matched[0].followups;
    expect(await counts()).toEqual(before);
    expect(dayOf(full[0].send_at)).toBe(DateTime.fromISO(day).plus({ days: 1 }).toISODate());
    expect(full[0].why).toMatch(/daily cap of 1 per sender/);
    expect(full.slice(1).map((f: { send_at: number }) => f.send_at)).toEqual(
      free.slice(1).map((f: { send_at: number }) => f.send_at),
    );
  });
});
