import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { loadIngestConfig } from '@follow-ups/config';
import { connectDb, ensureIndexes } from '@follow-ups/db';
import { createSendGridMailer } from '@follow-ups/mailer';
import { buildApp } from './buildApp';

async function main(): Promise<void> {
  const config = loadIngestConfig();
  await connectDb(config.MONGODB_URI);
  await ensureIndexes();
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const app = buildApp({
    temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    mailer: createSendGridMailer({ apiKey: config.SENDGRID_API_KEY, baseUrl: config.SENDGRID_BASE_URL }),
    replyDomain: config.INBOUND_REPLY_DOMAIN,
    replyTokenSecret: config.REPLY_TOKEN_SECRET,
    inboundWebhookSecret: config.INBOUND_WEBHOOK_SECRET,
    inboundWebhookBasicAuth: config.INBOUND_WEBHOOK_BASIC_AUTH,
    delayDivisor: config.FOLLOWUPS_DELAY_DIVISOR,
    pingMongo: async () => (await mongoose.connection.db?.admin().ping())?.ok === 1,
  });
  const server = app.listen(config.PORT, config.HOST, () => {
    console.log(`[ingest] listening on http://${config.HOST}:${config.PORT} (docs: ${config.PUBLIC_BASE_URL}/docs)`);
  });
  const shutdown = () => server.close(() => connection.close().then(() => mongoose.disconnect()).finally(() => process.exit(0)));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error) => {
  console.error(`[ingest] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
