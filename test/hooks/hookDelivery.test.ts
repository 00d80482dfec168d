import { Webhook } from 'standardwebhooks';
import { hookEventPayloadSchema } from '@follow-ups/contract';
import { HookDelivery, HookEvent } from '@follow-ups/db';
import { TEST_DELIVERY_POLICY, hookEventId } from '@follow-ups/events';
import { useAppWithWorker } from '../helpers/backgroundWorker';
import { HookReceiver, type ReceivedHook } from '../helpers/hookReceiver';
import { realActivities } from '../helpers/testApp';
import { eventually } from '../helpers/testWorker';
import { deliveries, emit, followUpSent, newId, sequenceEnded, subscribe } from './fixtures';

const app = useAppWithWorker();
let receiver: HookReceiver;
beforeAll(async () => {
  receiver = await HookReceiver.start();
});
afterAll(() => receiver.down());

/** Verifies the Standard Webhooks signature as a receiver does, and parses the payload. */
function verified(request: ReceivedHook, secret: string) {
  const payload = new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
  return hookEventPayloadSchema.parse(payload);
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('event delivery to a real receiver', () => {
  it('delivers every event once, signed, in order per conversation, after refusing connections at first', async () => {
    const testApp = app();
    const org = await testApp.newOrganization();
    const sent = await subscribe(testApp, org.auth, 'followup_sent', receiver.url('/sent'));
    const ended = await subscribe(testApp, org.auth, 'sequence_ended', receiver.url('/ended'));
    const [a, b] = [newId(), newId()];

    await receiver.down();
    const events = [
      followUpSent(org.id, a, 1),
      followUpSent(org.id, b, 1),
      followUpSent(org.id, a, 2),
      sequenceEnded(org.id, a),
      followUpSent(org.id, b, 2),
      followUpSent(org.id, a, 3),
    ];
    for (const event of events) await emit(testApp, event);
    await emit(testApp, followUpSent(org.id, a, 2)); // the same event again: nothing new

    // While the receiver is down, each attempt is recorded with why it failed.
    const refused = await eventually(
      async () => {
        const first = (await deliveries(testApp, org.auth, sent.id)).find(
          (d) => d.event.id === hookEventId(org.id, `followup_sent:${a}:1`),
        );
        return first && first.attempts.length >= 2 ? first : undefined;
      },
      20_000,
      'two refused attempts',
    );
    expect(refused.status).toBe('pending');
    expect(refused.attempts.every((t) => t.status_code === null && t.error === 'connection refused')).toBe(true);
    expect(receiver.received).toHaveLength(0);

    await receiver.up();
    await eventually(() => (receiver.accepted().length >= 6 ? true : undefined), 30_000, 'six deliveries');
    await pause(1_500); // time for a duplicate to show up, if one were sent
    expect(receiver.received).toHaveLength(6);

    const bodies = receiver.received.map((r) => ({
      path: r.path,
      id: r.headers['webhook-id'],
      payload: verified(r, r.path === '/sent' ? sent.secret : ended.secret),
    }));
    expect(new Set(bodies.map((r) => r.id)).size).toBe(6);
    expect(bodies.every((r) => r.id === r.payload.id)).toBe(true);
    const steps = (conversation: string) =>
      bodies
        .filter((r) => r.path === '/sent' && r.payload.conversation === conversation)
        .map((r) => (r.payload.type === 'followup_sent' ? r.payload.data.follow_up.step : -1));
    expect(steps(a)).toEqual([1, 2, 3]);
    expect(steps(b)).toEqual([1, 2]);
    expect(bodies.filter((r) => r.path === '/ended').map((r) => r.payload)).toEqual([
      expect.objectContaining({
        type: 'sequence_ended',
        conversation: a,
        organization: org.id,
        data: expect.objectContaining({ status: 'replied' }),
      }),
    ]);
    // The wrong secret does not verify.
    expect(() =>
      verified(
        receiver.received.find((r) => r.path === '/ended')!,
        sent.secret,
      ),
    ).toThrow(/signature/i);

    const records = await deliveries(testApp, org.auth, sent.id);
    expect(records).toHaveLength(5);
    expect(records.every((d) => d.status === 'delivered' && d.delivered_at !== null)).toBe(true);
    for (const d of records) {
      expect(d.attempts.filter((t) => t.status_code === 200)).toHaveLength(1);
      expect(d.attempts.at(-1)).toMatchObject({ status_code: 200, error: null });
    }
  });

  it('retries 503 answers with backoff; every attempt is visible through the API', async () => {
    const testApp = app();
    const org = await testApp.newOrganization();
    const hook = await subscribe(testApp, org.auth, 'followup_sent', receiver.url('/busy'));
    let busy = 3;
    receiver.answer = (r) => (r.path === '/busy' && busy-- > 0 ? 503 : 200);
    const conversation = newId();
    await emit(testApp, followUpSent(org.id, conversation, 1));
    await emit(testApp, followUpSent(org.id, conversation, 2));

    const records = await eventually(
      async () => {
        const list = await deliveries(testApp, org.auth, hook.id);
        return list.length === 2 && list.every((d) => d.status === 'delivered') ? list : undefined;
      },
      30_000,
      'both delivered',
    );
    const first = records.find((d) => d.event.id === hookEventId(org.id, `followup_sent:${conversation}:1`))!;
    expect(first.attempts.map((t) => [t.attempt, t.status_code])).toEqual([
      [1, 503],
      [2, 503],
      [3, 503],
      [4, 200],
    ]);
    expect(first.attempts[0].error).toBe('HTTP 503');
    const second = records.find((d) => d !== first)!;
    expect(second.attempts.map((t) => t.status_code)).toEqual([200]);
    // Step 2 went only after step 1 got through.
    const accepted = receiver.accepted('/busy').map((r) => JSON.parse(r.body).data.follow_up.step);
    expect(accepted).toEqual([1, 2]);
    receiver.answer = () => 200;
  });

  it('records a delivery as failed once every attempt failed, then goes on with the next event', async () => {
    const testApp = app();
    const org = await testApp.newOrganization();
    const hook = await subscribe(testApp, org.auth, 'followup_sent', receiver.url('/picky'));
    const conversation = newId();
    const doomed = hookEventId(org.id, `followup_sent:${conversation}:1`);
    receiver.answer = (r) => (r.path === '/picky' && r.headers['webhook-id'] === doomed ? 500 : 200);
    await emit(testApp, followUpSent(org.id, conversation, 1));
    await emit(testApp, followUpSent(org.id, conversation, 2));

    const records = await eventually(
      async () => {
        const list = await deliveries(testApp, org.auth, hook.id);
        return list.length === 2 && list.every((d) => d.status !== 'pending') ? list : undefined;
      },
      40_000,
      'both settled',
    );
    const failed = records.find((d) => d.event.id === doomed)!;
    expect(failed.status).toBe('failed');
    expect(failed.attempts).toHaveLength(TEST_DELIVERY_POLICY.maximumAttempts);
    expect(failed.reason).toMatch(/gave up after 8 attempts: HTTP 500/);
    expect(records.find((d) => d !== failed)!.status).toBe('delivered');
    expect(receiver.accepted('/picky')).toHaveLength(1);
    receiver.answer = () => 200;
  });

  it("sends nothing for events nobody subscribed to, nor to another organization's hooks", async () => {
    const testApp = app();
    const a = await testApp.newOrganization('A');
    const b = await testApp.newOrganization('B');
    await subscribe(testApp, a.auth, 'followup_sent', receiver.url('/only-a'));
    const result = await emit(testApp, followUpSent(b.id, newId(), 1));
    expect(result.hookIds).toEqual([]);
    expect(await HookEvent.countDocuments({ _id: result.eventId })).toBe(0);
    await pause(1_000);
    expect(receiver.received.filter((r) => r.path === '/only-a')).toHaveLength(0);
  });

  it('rejects event data that does not match its type, storing nothing', async () => {
    const testApp = app();
    const org = await testApp.newOrganization();
    await subscribe(testApp, org.auth, 'sequence_ended', receiver.url('/bad'));
    const bad = { ...sequenceEnded(org.id, newId()), data: { status: 'exploded' } } as unknown as Parameters<
      typeof emit
    >[1];
    await expect(emit(testApp, bad)).rejects.toThrow(/status|sequence/);
    expect(await HookDelivery.countDocuments({ organization: org.id })).toBe(0);
  });

  it('emitSequenceEvent, the activity for the sequence workflow, delivers through the same path', async () => {
    const testApp = app();
    const org = await testApp.newOrganization();
    const hook = await subscribe(testApp, org.auth, 'sequence_ended', receiver.url('/from-activity'));
    const conversation = newId();
    const queued = await realActivities(testApp).emitSequenceEvent(sequenceEnded(org.id, conversation));
    expect(queued.hookIds).toEqual([hook.id]);
    const got = await eventually(() => receiver.accepted('/from-activity')[0], 20_000, 'delivery');
    expect(verified(got, hook.secret)).toMatchObject({ type: 'sequence_ended', conversation });
  });
});
