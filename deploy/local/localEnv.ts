import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const LOCAL_PORTS = { temporal: 7233, temporalUi: 8233, ferretdb: 27017, sink: 3030, ingest: 3000 };

/** Secrets made once per checkout and kept in .stack/, so reply addresses stay valid across restarts. */
function localSecrets(stateDir: string): { replyTokenSecret: string; webhookSecret: string } {
  const file = path.join(stateDir, 'secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
  const secrets = { replyTokenSecret: randomBytes(24).toString('hex'), webhookSecret: randomBytes(24).toString('hex') };
  fs.writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/** The embedded defaults of `npm start`; any variable already set in the environment wins. */
export function localServiceEnv(stateDir: string, infra: { temporalAddress: string; mongodbUri: string }): NodeJS.ProcessEnv {
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
    FOLLOWUPS_DELAY_DIVISOR: '1', // `FOLLOWUPS_DELAY_DIVISOR=1440 npm start`: a rule's day lasts a minute
  };
  const env: NodeJS.ProcessEnv = { ...defaults };
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key in defaults) env[key] = value;
  return env;
}
