import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadWorkerConfig } from '@follow-ups/config';
import { connectDb, disconnectDb } from '@follow-ups/db';
import { createSendGridMailer } from '@follow-ups/mailer';
import { buildWorker } from './buildWorker';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  await connectDb(config.MONGODB_URI);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection: await Connection.connect({ address: config.TEMPORAL_ADDRESS }), namespace: config.TEMPORAL_NAMESPACE });
  const worker = await buildWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
    workflowBundlePath: process.env.FOLLOWUPS_WORKFLOW_BUNDLE,
    deps: {
      mailer: createSendGridMailer({ apiKey: config.SENDGRID_API_KEY, baseUrl: config.SENDGRID_BASE_URL }),
      replyDomain: config.INBOUND_REPLY_DOMAIN,
      replyTokenSecret: config.REPLY_TOKEN_SECRET,
      temporal: { client, taskQueue: config.TEMPORAL_TASK_QUEUE },
      delayDivisor: config.FOLLOWUPS_DELAY_DIVISOR,
    },
  });
  console.log(`[worker] polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${config.TEMPORAL_ADDRESS}`);
  await worker.run(); // until SIGINT/SIGTERM, then a graceful shutdown
  await Promise.all([connection.close(), client.connection.close(), disconnectDb()]);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`[worker] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
