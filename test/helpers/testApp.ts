import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { ApiToken, connectDb, disconnectDb, ensureIndexes, Organization, setSuppressionHashKey } from '@follow-ups/db';
import { createSendGridMailer } from '@follow-ups/mailer';
import { buildSinkApp, EventWebhookEmitter, FaultQueue, SentMailStore } from '@follow-ups/sendgrid-sink';
import { buildApp, NO_RATE_LIMIT, type AppDeps } from '@follow-ups/ingest';
import { addSenderDomain } from '@follow-ups/directory';
import { createActivities } from '@follow-ups/worker';
import { testClient } from './testWorker';

export const TEST_REPLY_DOMAIN = 'reply.follow-ups.test';
export const TEST_REPLY_SECRET = 'test-reply-token-secret';
export const TEST_WEBHOOK_SECRET = 'test-inbound-webhook-secret';
/** The sender domain every test organization is given (as the operator would, shared by all of them). */
export const TEST_SENDER_DOMAIN = 'seller.test';
export const TEST_SUPPRESSION_HASH_SECRET = 'test-suppression-hash-secret';

/** The real activities, sending through the same sink as the app. */
export function realActivities(testApp: TestApp) {
  return createActivities({
    mailer: testApp.deps.mailer,
    replyDomain: TEST_REPLY_DOMAIN,
    replyTokenSecret: TEST_REPLY_SECRET,
    temporal: { client: testApp.deps.temporal, taskQueue: testApp.deps.taskQueue },
    delayDivisor: testApp.deps.delayDivisor,
    hooksTestMode: true,
    publicBaseUrl: testApp.deps.publicBaseUrl,
  });
}

export type TestApp = {
  app: ReturnType<typeof buildApp>;
  deps: AppDeps;
  sink: SentMailStore;
  sinkUrl: string;
  /** The sink's Event Webhook, off until a test configures it (see `eventWebhookPublicKey`). */
  sinkEvents: EventWebhookEmitter;
  /** The database of this test file, for processes started by the test. */
  mongodbUri: string;
  /** A fresh organization with its raw API token, allowed to send from any address at TEST_SENDER_DOMAIN. */
  newOrganization: (name?: string) => Promise<{ id: string; token: string; auth: { Authorization: string } }>;
  close: () => Promise<void>;
};

/**
 * The ingest app built against the real test servers: MongoDB (FerretDB, one database per test
 * file), Temporal, and an in-process SendGrid sink that @sendgrid/mail really talks to over HTTP.
 */
export async function startTestApp(
  options: { taskQueue?: string; dbName?: string; delayDivisor?: number; eventWebhookPublicKey?: string } = {},
): Promise<TestApp> {
  const dbName = options.dbName ?? `test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const mongodbUri = process.env.MONGODB_URI!.replace(/\/[^/]*$/, `/${dbName}`);
  await connectDb(mongodbUri, { monitorCommands: true }); // helpers/commandCount.ts counts per operation
  await ensureIndexes();
  setSuppressionHashKey(TEST_SUPPRESSION_HASH_SECRET);
  const sink = new SentMailStore();
  const sinkEvents = new EventWebhookEmitter();
  const sinkServer: Server = await new Promise((resolve) => {
    const server = buildSinkApp(sink, new FaultQueue(), sinkEvents).listen(0, '127.0.0.1', () => resolve(server));
  });
  const sinkUrl = `http://127.0.0.1:${(sinkServer.address() as AddressInfo).port}`;
  const temporal = await testClient();
  const deps: AppDeps = {
    temporal,
    taskQueue: options.taskQueue ?? 'follow-ups-test',
    mailer: createSendGridMailer({ apiKey: 'SG.test', baseUrl: sinkUrl }),
    replyDomain: TEST_REPLY_DOMAIN,
    replyTokenSecret: TEST_REPLY_SECRET,
    publicBaseUrl: 'http://localhost:3000',
    inboundWebhookSecret: TEST_WEBHOOK_SECRET,
    delayDivisor: options.delayDivisor,
    hooksTestMode: true,
    rateLimits: { address: NO_RATE_LIMIT, token: NO_RATE_LIMIT }, // test/api/rateLimits.test.ts sets low ones
    eventWebhookPublicKey: options.eventWebhookPublicKey,
    pingMongo: async () => (await mongoose.connection.db?.admin().ping())?.ok === 1,
  };
  return {
    mongodbUri,
    app: buildApp(deps),
    deps,
    sink,
    sinkUrl,
    sinkEvents,
    async newOrganization(name = 'Acme Sales') {
      const org = await Organization.create({ name });
      await addSenderDomain(String(org._id), TEST_SENDER_DOMAIN, { shared: true });
      const token = await ApiToken.issueToken(org._id, 'test');
      return { id: String(org._id), token, auth: { Authorization: `Bearer ${token}` } };
    },
    async close() {
      sinkEvents.close();
      await mongoose.connection.db?.dropDatabase().catch(() => undefined);
      await disconnectDb();
      await temporal.connection.close();
      await new Promise((r) => sinkServer.close(r));
    },
  };
}

/**
 * The test app of a test file: started before its tests, closed after them. The handle reads the
 * started app, so tests use it as they would a `TestApp` (`testApp.app`, `testApp.newOrganization()`).
 */
export function useTestApp(options: Parameters<typeof startTestApp>[0] = {}): TestApp {
  let started: TestApp | undefined;
  beforeAll(async () => {
    started = await startTestApp(options);
  });
  afterAll(() => started?.close());
  return new Proxy({} as TestApp, {
    get(_target, key) {
      if (!started) throw new Error('useTestApp: the app starts in beforeAll; use it inside hooks and tests');
      return started[key as keyof TestApp];
    },
  });
}
