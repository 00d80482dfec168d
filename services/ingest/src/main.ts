import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import {
  ConfigError,
  loadIngestConfig,
  payloadCodec,
  suppressionHashKey,
  temporalDataConverter,
  type IngestConfig,
} from '@follow-ups/config';
import { retryUntilReady } from '@follow-ups/logger';
import { connectDb, ensureIndexes, setSuppressionHashKey, sweepHistory } from '@follow-ups/db';
import { warmUpInboundClassifier } from '@follow-ups/domain';
import { createSendGridMailer } from '@follow-ups/mailer';
import { buildApp } from './buildApp';
import type { AppDeps } from './deps';
import { everyInterval } from './background';
import { startRulesOutbox } from './drafts/retryPendingRules';
import { log } from './log';
import { retryReplyOutbox } from './inboundMail/replyOutbox';

/** The codec server when a payload key and its token are both set (docs/payload-encryption.md). */
function codecServer(config: IngestConfig): AppDeps['temporalCodecServer'] {
  const codec = payloadCodec(config);
  if (!codec || !config.TEMPORAL_CODEC_SERVER_TOKEN) return undefined;
  return { codec, token: config.TEMPORAL_CODEC_SERVER_TOKEN, corsOrigins: config.TEMPORAL_CODEC_CORS_ORIGINS };
}

async function main(): Promise<void> {
  const config = loadIngestConfig();
  const dataConverter = temporalDataConverter(config); // a key problem stops the start here
  warmUpInboundClassifier(); // before the first inbound mail, not on its time
  setSuppressionHashKey(suppressionHashKey(config));
  // Started before its dependencies (a restart of the whole stack): wait for them, do not exit.
  await retryUntilReady(
    'MongoDB',
    async () => {
      await connectDb(config.MONGODB_URI);
      await ensureIndexes();
    },
    log,
  );
  const connection = await retryUntilReady(
    'Temporal',
    () => Connection.connect({ address: config.TEMPORAL_ADDRESS }),
    log,
  );
  const deps: AppDeps = {
    temporal: new Client({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      dataConverter,
    }),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    mailer: createSendGridMailer({ apiKey: config.SENDGRID_API_KEY, baseUrl: config.SENDGRID_BASE_URL }),
    replyDomain: config.INBOUND_REPLY_DOMAIN,
    replyTokenSecret: config.REPLY_TOKEN_SECRET,
    replyTokenPreviousSecret: config.REPLY_TOKEN_SECRET_PREVIOUS,
    notificationsFrom: config.NOTIFICATIONS_FROM,
    inboundWebhookSecret: config.INBOUND_WEBHOOK_SECRET,
    eventWebhookUrlSecret: config.EVENT_WEBHOOK_URL_SECRET,
    inboundWebhookBasicAuth: config.INBOUND_WEBHOOK_BASIC_AUTH,
    delayDivisor: config.FOLLOWUPS_DELAY_DIVISOR,
    hooksTestMode: config.HOOKS_TEST_MODE,
    hooksAllowedPrivateCidrs: config.HOOKS_ALLOWED_PRIVATE_CIDRS,
    rateLimits: {
      address: { perSecond: config.RATE_LIMIT_ADDRESS_PER_SECOND, burst: config.RATE_LIMIT_ADDRESS_BURST },
      token: { perSecond: config.RATE_LIMIT_TOKEN_PER_SECOND, burst: config.RATE_LIMIT_TOKEN_BURST },
    },
    publicBaseUrl: config.PUBLIC_BASE_URL,
    eventWebhookPublicKey: config.SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY,
    eventWebhookMaxAgeSeconds: config.SENDGRID_EVENT_WEBHOOK_MAX_AGE_SECONDS,
    softBounceLimit: config.SOFT_BOUNCE_LIMIT,
    temporalCodecServer: codecServer(config),
    pingMongo: async () => (await mongoose.connection.db?.admin().ping())?.ok === 1,
  };
  const app = buildApp(deps);
  const stopRulesOutbox = startRulesOutbox(deps);
  const stopReplyOutbox = everyInterval('reply outbox', () => retryReplyOutbox(deps));
  // History out of the hot collections: ended drafts to DraftHistory, old Idempotency-Keys removed.
  const retention = { retentionDays: config.HISTORY_RETENTION_DAYS };
  const stopHistorySweep = everyInterval('history sweep', () => sweepHistory(new Date(), retention), 5 * 60_000);
  const server = app.listen(config.PORT, config.HOST, () => {
    log.info({ url: `http://${config.HOST}:${config.PORT}`, docs: `${config.PUBLIC_BASE_URL}/docs` }, 'listening');
  });
  const shutdown = () => {
    stopRulesOutbox();
    stopReplyOutbox();
    stopHistorySweep();
    server.close(
      () => void Promise.allSettled([connection.close(), mongoose.disconnect()]).then(() => process.exit(0)),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error) => {
  // A configuration problem is for the person starting the service: plain text, no stack.
  if (error instanceof ConfigError) console.error(`[ingest] ${error.message}`);
  else log.fatal({ err: error }, error instanceof Error ? error.message : String(error));
  process.exit(1);
});
