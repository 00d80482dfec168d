// The SSRF policy ON (not hooks test mode): a name that resolves to this machine is refused at
// delivery, not connected to, and the deliveries list shows classes of errors, never addresses.
import net, { type AddressInfo } from 'node:net';
import request from 'supertest';
import { Hook, HookDelivery, hookDeliveryId } from '@follow-ups/db';
import { cidrList, deliverHookEvent, hookEventId } from '@follow-ups/events';
import { buildApp } from '@follow-ups/ingest';
import { useTestApp } from '../helpers/testApp';
import { terminateRunning } from '../helpers/backgroundWorker';
import { newTaskQueue } from '../helpers/testWorker';
import { deliveries, emit, followUpSent, newId } from './fixtures';

const taskQueue = newTaskQueue(); // no worker: the tests call the delivery activity themselves
afterAll(() => terminateRunning(testApp, taskQueue)); // declared before the app: jest runs it before the app closes
const testApp = useTestApp({ taskQueue });

/** A TCP server on loopback that records each connection and then does `behave` with it. */
async function tcpServer(behave: (socket: net.Socket) => void) {
  const connections: net.Socket[] = [];
  const server = net.createServer((socket) => {
    connections.push(socket);
    behave(socket);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    connections,
    close: () => {
      connections.forEach((s) => s.destroy());
      return new Promise((r) => server.close(r));
    },
  };
}

/** A hook at `url` written as if its URL had passed creation (a DNS name), with one pending event. */
async function pendingDelivery(url: string) {
  const org = await testApp.newOrganization();
  const hook = await Hook.create({
    organization: org.id,
    type: 'followup_sent',
    url,
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    filters: {},
  });
  const conversation = newId();
  await emit(testApp, followUpSent(org.id, conversation, 1));
  const ref = {
    organizationId: org.id,
    hookId: String(hook._id),
    eventId: hookEventId(org.id, `followup_sent:${conversation}:1`),
  };
  return { org, hook, ref };
}

const attemptErrors = async (ref: { eventId: string; hookId: string }) =>
  (await HookDelivery.findById(hookDeliveryId(ref.eventId, ref.hookId)).lean())?.attempts.map((a) => a.error);

describe('hook addresses checked at delivery, policy on', () => {
  it('refuses a name that resolves to loopback, without connecting', async () => {
    const server = await tcpServer((socket) => socket.destroy());
    try {
      for (const name of ['localhost', 'localhost.']) {
        const { org, hook, ref } = await pendingDelivery(`https://${name}:${server.port}/hook`);
        await expect(deliverHookEvent(ref, { policy: {} })).rejects.toThrow('refused: private address');
        expect(await attemptErrors(ref)).toEqual(['refused: private address']);
        const [shown] = await deliveries(testApp, org.auth, String(hook._id));
        expect(shown?.attempts.map((a) => a.error)).toEqual(['refused: private address']);
      }
      expect(server.connections).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('with the network allowed by the operator, failures are shown as classes only', async () => {
    const policy = { allowedPrivate: cidrList(['127.0.0.0/8']) };
    const plainHttp = await tcpServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')); // not TLS
    const blackHole = await tcpServer(() => undefined); // accepts, never answers
    const closed = await tcpServer(() => undefined);
    await closed.close();
    try {
      for (const [port, shown, timeoutMs] of [
        [plainHttp.port, 'TLS error', 10_000],
        [blackHole.port, 'timeout', 500],
        [closed.port, 'connection refused', 10_000],
      ] as const) {
        const { org, hook, ref } = await pendingDelivery(`https://localhost:${port}/hook`);
        await expect(deliverHookEvent(ref, { policy, timeoutMs })).rejects.toThrow(shown);
        const attempts = (await deliveries(testApp, org.auth, String(hook._id)))[0]?.attempts;
        expect(attempts?.map((a) => a.error)).toEqual([shown]);
        expect(JSON.stringify(attempts)).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\b/);
      }
      expect(plainHttp.connections.length + blackHole.connections.length).toBe(2);
    } finally {
      await Promise.all([plainHttp.close(), blackHole.close()]);
    }
  });

  it('an error stored raw by an older version is masked in the deliveries list', async () => {
    const { org, hook, ref } = await pendingDelivery('https://crm.example.com/hook');
    const raw = 'ECONNREFUSED: connect ECONNREFUSED 10.0.0.7:5432';
    await HookDelivery.updateOne(
      { _id: hookDeliveryId(ref.eventId, ref.hookId) },
      {
        $push: { attempts: { attempt: 1, at: new Date(), error: raw, durationMs: 3 } },
        $set: { reason: `gave up after 1 attempts: ${raw}` },
      },
    );
    const [shown] = await deliveries(testApp, org.auth, String(hook._id));
    expect(shown?.attempts[0]?.error).toBe('connection failed');
    expect(shown?.reason).toBe('gave up after 1 attempts: connection failed');
  });

  it('creation refuses local names and numeric spellings of special addresses', async () => {
    const production = buildApp({ ...testApp.deps, hooksTestMode: false });
    const org = await testApp.newOrganization();
    for (const url of [
      'https://localhost./x',
      'https://0x7f.1/x',
      'https://2130706433/x',
      'https://[64:ff9b::a00:1]/x',
      'https://198.18.0.1/x',
    ]) {
      const res = await request(production)
        .post('/v1/hooks')
        .set(org.auth)
        .send({ hooks: { type: 'followup_sent', url } });
      expect([res.status, res.body.error?.issues?.[0]?.message]).toEqual([
        400,
        expect.stringContaining('private network'),
      ]);
    }
  });
});
