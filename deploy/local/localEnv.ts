import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const LOCAL_PORTS = { temporal: 7233, temporalUi: 8233, ferretdb: 27017, sink: 3030, ingest: 3000 };

type LocalSecrets = {
  replyTokenSecret: string;
  webhookSecret: string;
  eventWebhookPublicKey: string;
  eventWebhookPrivateKey: string;
};

/** The key pair of the Signed Event Webhook: the sink signs with the private half, ingest verifies (base64 DER, like SendGrid shows it). */
function eventWebhookKeys(): Pick<LocalSecrets, 'eventWebhookPublicKey' | 'eventWebhookPrivateKey'> {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    eventWebhookPublicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    eventWebhookPrivateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  };
}

/** Secrets made once per checkout and kept in .stack/, so reply addresses stay valid across restarts. */
function localSecrets(stateDir: string): LocalSecrets {
  const file = path.join(stateDir, 'secrets.json');
  const kept: Partial<LocalSecrets> = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  if (kept.replyTokenSecret && kept.webhookSecret && kept.eventWebhookPublicKey && kept.eventWebhookPrivateKey)
    return kept as LocalSecrets;
  const secrets: LocalSecrets = {
    replyTokenSecret: randomBytes(24).toString('hex'),
    webhookSecret: randomBytes(24).toString('hex'),
    ...eventWebhookKeys(),
    ...kept,
  };
  fs.writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/** The embedded defaults of `npm start`; any variable already set in the environment wins. */
export function localServiceEnv(
  stateDir: string,
  infra: { temporalAddress: string; mongodbUri: string },
): NodeJS.ProcessEnv {
  const secrets = localSecrets(stateDir);
  const defaults: NodeJS.ProcessEnv = {
    TEMPORAL_ADDRESS: infra.temporalAddress,
    MONGODB_URI: infra.mongodbUri,
    SENDGRID_API_KEY: 'SG.local-sink',
    SENDGRID_BASE_URL: `http://127.0.0.1:${LOCAL_PORTS.sink}`,
    INBOUND_REPLY_DOMAIN: 'reply.follow-ups.test',
    REPLY_TOKEN_SECRET: secrets.replyTokenSecret,
    INBOUND_WEBHOOK_SECRET: secrets.webhookSecret,
    PORT: String(LOCAL_PORTS.ingest),
    PUBLIC_BASE_URL: `http://localhost:${LOCAL_PORTS.ingest}`,
    SINK_PORT: String(LOCAL_PORTS.sink),
    // The sink reports accepted mails to ingest's Event Webhook, signed, as SendGrid does in production.
    SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY: secrets.eventWebhookPublicKey,
    SINK_EVENT_WEBHOOK_PRIVATE_KEY: secrets.eventWebhookPrivateKey,
    SINK_EVENT_WEBHOOK_URL: `http://127.0.0.1:${LOCAL_PORTS.ingest}/webhooks/sendgrid/events/${secrets.webhookSecret}`,
    FOLLOWUPS_DELAY_DIVISOR: '1', // `FOLLOWUPS_DELAY_DIVISOR=1440 npm start`: a rule's day lasts a minute
  };
  const env: NodeJS.ProcessEnv = { ...defaults };
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key in defaults) env[key] = value;
  return env;
}
