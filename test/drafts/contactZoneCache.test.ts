// The recipient's time zone places a sequence's window; ingest keeps the organization's contact zones per
// process, checked against its `contactsVersion`: a zone set by this very request, or elsewhere, is used.
import request from 'supertest';
import { DateTime } from 'luxon';
import { setContactTimeZone } from '@follow-ups/db';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { useTestApp, type TestApp } from '../helpers/testApp';

const TRIGGER = 'Here is the quote you requested';
const testApp = useTestApp({ taskQueue: `contact-zones-${Date.now().toString(36)}` });
let org: Awaited<ReturnType<TestApp['newOrganization']>>;

beforeAll(async () => {
  org = await testApp.newOrganization('Zones');
  await request(testApp.app)
    .post('/v1/rules/templates/automatic-follow-ups')
    .set(org.auth)
    .send({ trigger_phrase: TRIGGER, senders: ['ae@seller.test'] })
    .expect(201);
});

/** Sends the trigger to `to`; the local hours (in `zone`) of the three follow-ups planned. */
async function plannedHours(to: { address: string; time_zone?: string }, zone: string): Promise<number[]> {
  const sent = await request(testApp.app)
    .post('/v1/drafts')
    .set(org.auth)
    .send({
      drafts: {
        subject: 'Quote',
        body: `Hi, ${TRIGGER}.`,
        from_field: { address: 'ae@seller.test' },
        to_fields: [to],
        send: true,
      },
    })
    .expect(201);
  const id = sequenceWorkflowId(org.id, sent.body.drafts.conversation);
  const sequence = await request(testApp.app).get(`/v1/sequences/${id}`).set(org.auth).expect(200);
  await testApp.deps.temporal.workflow.getHandle(id).terminate('test over');
  return sequence.body.sequences.steps.map((s: { send_at: number }) => DateTime.fromSeconds(s.send_at, { zone }).hour);
}

const inWindow = (hours: number[]) => hours.length === 3 && hours.every((h) => h >= 9 && h < 17);

it("uses a zone the request itself stores, though the organization's contacts were cached before it", async () => {
  await plannedHours({ address: 'warm@prospect.test' }, 'UTC'); // loads the cache
  expect(inWindow(await plannedHours({ address: 'ken@prospect.test', time_zone: 'Asia/Tokyo' }, 'Asia/Tokyo'))).toBe(
    true,
  );
});

it('uses a zone stored elsewhere (another ingest, the contacts API) on the next trigger', async () => {
  await plannedHours({ address: 'warm2@prospect.test' }, 'UTC');
  await setContactTimeZone(org.id, 'Ana@Prospect.test', 'Pacific/Auckland');
  expect(inWindow(await plannedHours({ address: 'ana@prospect.test' }, 'Pacific/Auckland'))).toBe(true);
});
