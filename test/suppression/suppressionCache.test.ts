// Ingest keeps an organization's suppressions per process, checked against its `suppressionsVersion`:
// a suppression written elsewhere (a bounce in the worker, another ingest, erasure) stops the next send here.
import request from 'supertest';
import { hashSuppression, Organization, Suppression } from '@follow-ups/db';
import { commandsOf } from '../helpers/commandProfile';
import { useTestApp, type TestApp } from '../helpers/testApp';

const testApp = useTestApp();
type Org = Awaited<ReturnType<TestApp['newOrganization']>>;

const send = (org: Org, to: string) =>
  request(testApp.app)
    .post('/v1/drafts')
    .set(org.auth)
    .send({
      drafts: {
        subject: 'Hello',
        body: 'Hi there.',
        from_field: { address: 'alex@seller.test' },
        to_fields: [{ address: to }],
        send: true,
      },
    });

it('reads no suppression once warm, and a suppression or lift made elsewhere applies to the next send', async () => {
  const org = await testApp.newOrganization();
  for (let i = 0; i < 2; i++) await send(org, `warm${i}@prospect.test`).expect(201);
  const warm = await commandsOf(() => send(org, 'jo@prospect.test').expect(201));
  expect(Object.keys(warm.by).filter((k) => k.includes('suppressions'))).toEqual([]);

  await Suppression.suppress({
    organization: org.id,
    address: 'Jo@Prospect.test',
    reason: 'bounced',
    source: 'event_webhook',
  });
  const refused = await send(org, 'jo@prospect.test').expect(422);
  expect(refused.body.error.code).toBe('recipient_suppressed');
  expect(refused.body.error.message).toContain('jo@prospect.test is on the suppression list (bounced)');

  await Suppression.lift(org.id, 'jo@prospect.test');
  await send(org, 'jo@prospect.test').expect(201);

  await hashSuppression(org.id, 'erased@prospect.test'); // erasure keeps a hashed entry only
  await send(org, 'erased@prospect.test').expect(422);
});

it("one organization's suppressions never stop another's sends", async () => {
  const [a, b] = [await testApp.newOrganization('A'), await testApp.newOrganization('B')];
  await Suppression.suppress({
    organization: a.id,
    address: 'sam@prospect.test',
    reason: 'unsubscribed',
    source: 'api',
  });
  await send(a, 'sam@prospect.test').expect(422);
  await send(b, 'sam@prospect.test').expect(201);
});

it('a suppression whose version bump was lost (its writer died in between) stops sends within a minute', async () => {
  const org = await testApp.newOrganization();
  for (let i = 0; i < 2; i++) await send(org, `warm${i}@prospect.test`).expect(201);
  await Suppression.suppress({ organization: org.id, address: 'kim@prospect.test', reason: 'bounced', source: 'api' });
  // Undo the bump past the schema's hooks: what a writer that died before it leaves.
  await Organization.collection.updateOne(
    { _id: new Organization({ _id: org.id })._id },
    { $inc: { suppressionsVersion: -1 } },
  );
  await send(org, 'kim@prospect.test').expect(201); // the version did not move: the cached list answers
  const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 61_000);
  try {
    await send(org, 'kim@prospect.test').expect(422);
  } finally {
    clock.mockRestore();
  }
});
