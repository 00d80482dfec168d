import { loadSinkConfig } from '@follow-ups/config';
import { buildSinkApp } from './app';
import { EventWebhookEmitter, parsePrivateKey } from './eventWebhook';
import { FaultQueue } from './faults';
import { SentMailStore } from './store';

const config = loadSinkConfig();
const {
  SINK_PORT: port,
  SINK_HOST: host,
  SINK_EVENT_WEBHOOK_URL: webhookUrl,
  SINK_EVENT_WEBHOOK_PRIVATE_KEY: webhookKey,
} = config;

// SINK_EVENT_WEBHOOK_URL + SINK_EVENT_WEBHOOK_PRIVATE_KEY: report accepted mails like SendGrid's Event Webhook.
const events = new EventWebhookEmitter();
if (webhookUrl && webhookKey) {
  events.configure({ url: webhookUrl, privateKey: parsePrivateKey(webhookKey), batchMs: config.SINK_EVENT_BATCH_MS });
}

const server = buildSinkApp(new SentMailStore(), new FaultQueue(), events).listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(
    `sendgrid-sink listening on http://${host}:${actualPort} (SENDGRID_BASE_URL=http://${host}:${actualPort})${events.enabled ? `; Event Webhook → ${webhookUrl}` : ''}`,
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
