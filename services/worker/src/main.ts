import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { ConfigError, loadWorkerConfig, suppressionHashKey, temporalDataConverter } from '@follow-ups/config';
import { connectDb, disconnectDb, setSuppressionHashKey } from '@follow-ups/db';
import { createSendGridMailer } from '@follow-ups/mailer';
import { buildHookWorker, buildWorker } from './buildWorker';
import { createLogger, retryUntilReady } from '@follow-ups/logger';
import { hookDeliveryTaskQueue } from '@follow-ups/workflows';
import { capThreadYoungGeneration } from './threadHeap';

const log = createLogger('worker');

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const dataConverter = temporalDataConverter(config); // a key problem stops the start here
  setSuppressionHashKey(suppressionHashKey(config));
  capThreadYoungGeneration(config.WORKER_THREAD_SEMI_SPACE_MB); // before the workflow and render threads start
  // Started before its dependencies (a restart of the whole stack): wait for them, do not exit.
  await retryUntilReady('MongoDB', () => connectDb(config.MONGODB_URI), log);
  const connection = await retryUntilReady(
    'Temporal',
    () => NativeConnection.connect({ address: config.TEMPORAL_ADDRESS }),
    log,
  );
  const clientConnection = await retryUntilReady(
    'Temporal',
    () => Connection.connect({ address: config.TEMPORAL_ADDRESS }),
    log,
  );
  const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
  const common = {
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    tuning: config,
    dataConverter,
    deps: {
      mailer: createSendGridMailer({ apiKey: config.SENDGRID_API_KEY, baseUrl: config.SENDGRID_BASE_URL }),
      replyDomain: config.INBOUND_REPLY_DOMAIN,
      replyTokenSecret: config.REPLY_TOKEN_SECRET,
      notificationsFrom: config.NOTIFICATIONS_FROM,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      temporal: { client, taskQueue: config.TEMPORAL_TASK_QUEUE },
      delayDivisor: config.FOLLOWUPS_DELAY_DIVISOR,
      hooksTestMode: config.HOOKS_TEST_MODE,
      hooksAllowedPrivateCidrs: config.HOOKS_ALLOWED_PRIVATE_CIDRS,
      unknownResendAfterMs: config.UNKNOWN_RESEND_AFTER_SECONDS * 1000,
      hookDeliveriesPerOrganization: config.HOOKS_MAX_CONCURRENT_PER_ORGANIZATION,
    },
  };
  const worker = await buildWorker({ ...common, workflowBundlePath: config.FOLLOWUPS_WORKFLOW_BUNDLE });
  const hookWorker = await buildHookWorker(common); // hook deliveries: their own task queue and slots
  log.info(
    {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      hookTaskQueue: hookDeliveryTaskQueue(config.TEMPORAL_TASK_QUEUE),
      temporal: config.TEMPORAL_ADDRESS,
    },
    'polling',
  );
  await Promise.all([worker.run(), hookWorker.run()]); // until SIGINT/SIGTERM, then a graceful shutdown of both
  await Promise.all([connection.close(), client.connection.close(), disconnectDb()]);
}

main().then(
  () => process.exit(0),
  (error) => {
    // A configuration problem is for the person starting the service: plain text, no stack.
    if (error instanceof ConfigError) console.error(`[worker] ${error.message}`);
    else log.fatal({ err: error }, error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
