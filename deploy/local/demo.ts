import fs from 'node:fs';
import path from 'node:path';
import { DEMO } from './seedDemo';
import { LOCAL_PORTS } from './localEnv';
import { bcc, replyDirect, type DemoContext } from './demoMailbox';

// `npm run demo -- send | bcc | show <conversation> | reply <conversation> | reply-direct <conversation>`
// against the stack of `npm start`.
const root = path.resolve(__dirname, '../..');
const api = process.env.FOLLOWUPS_API ?? `http://127.0.0.1:${LOCAL_PORTS.ingest}`;
const sink = `http://127.0.0.1:${LOCAL_PORTS.sink}`;
const token = process.env.FOLLOWUPS_TOKEN ?? readState('demo-token');
const PROSPECT = { address: 'jane@prospect.example', name: 'Jane Doe' };

function readState(file: string): string {
  const p = path.join(root, '.stack', file);
  if (!fs.existsSync(p)) throw new Error(`.stack/${file} is missing: run npm start first`);
  return fs.readFileSync(p, 'utf8').trim();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function call(method: string, route: string, body?: unknown): Promise<Json> {
  const response = await fetch(`${api}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${route} → ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function send() {
  const { drafts } = await call('POST', '/v1/drafts', {
    drafts: {
      subject: 'Your quote for 12 seats',
      body: `<p>Hi Jane,</p><p>${DEMO.trigger}: 12 seats at $4,800 a year.</p><p>Alex</p>`,
      from_field: { address: DEMO.sender, name: 'Alex Demo' },
      to_fields: [PROSPECT],
      send: true,
    },
  });
  const { conversations } = await call('GET', `/v1/conversations/${drafts.conversation}`);
  console.log(`sent; conversation ${drafts.conversation}, sequence ${conversations[0].sequence?.id ?? '(none)'}`);
  if (conversations[0].sequence)
    console.log(
      `Temporal UI: http://localhost:${LOCAL_PORTS.temporalUi}/namespaces/default/workflows/${conversations[0].sequence.id}`,
    );
  console.log(`next: npm run demo -- show ${drafts.conversation}`);
}

async function show(conversation: string) {
  const { drafts } = await call('GET', `/v1/conversations/${conversation}/drafts`);
  const { messages } = await call('GET', `/v1/conversations/${conversation}/messages`);
  console.log('follow-ups:');
  for (const d of drafts)
    console.log(
      `  ${d.step}. ${d.status.padEnd(9)} due ${new Date(d.send_at * 1000).toLocaleTimeString()}${d.reason ? `  (${d.reason})` : ''}`,
    );
  console.log('messages:');
  for (const m of messages) console.log(`  ${m.origin.padEnd(10)} ${m.from_field.address.padEnd(24)} ${m.subject}`);
}

/** Plays the prospect's answer: a real SendGrid Inbound Parse (default mode) multipart post. */
async function reply(conversation: string) {
  const { messages } = await call('GET', `/v1/conversations/${conversation}/messages`);
  const last = messages.filter((m: { direction: string }) => m.direction === 'outgoing').pop();
  const mails: Json = await (await fetch(`${sink}/sink/messages`)).json();
  const replyTo = mails.find((m: { headers: Record<string, string> }) => m.headers['Message-ID'] === last.message_id)
    ?.replyTo?.email;
  const secret = JSON.parse(readState('secrets.json')).webhookSecret;
  const form = new FormData();
  const headers = [
    `From: ${PROSPECT.name} <${PROSPECT.address}>`,
    `To: ${replyTo}`,
    `Subject: Re: ${last.subject.replace(/^Re: /, '')}`,
    `Message-ID: <reply.${Date.now()}@prospect.example>`,
    `In-Reply-To: ${last.message_id}`,
    `References: ${[...last.references, last.message_id].join(' ')}`,
    `Date: ${new Date().toUTCString()}`,
  ].join('\n');
  for (const [k, v] of Object.entries({
    headers,
    from: `${PROSPECT.name} <${PROSPECT.address}>`,
    to: replyTo,
    subject: `Re: ${last.subject}`,
    text: 'Thanks Alex, we will sign this week.',
    envelope: JSON.stringify({ to: [replyTo], from: PROSPECT.address }),
    charsets: JSON.stringify({ to: 'UTF-8', from: 'UTF-8', subject: 'UTF-8', text: 'UTF-8' }),
    SPF: 'pass',
    attachments: '0',
  }))
    form.append(k, v);
  const response = await fetch(`${api}/webhooks/sendgrid/inbound/${secret}`, { method: 'POST', body: form });
  console.log(`webhook → ${response.status} ${await response.text()}`);
  // The reply reaches Alex: forwarded by the worker through SendGrid (here, the sink).
  for (let i = 0; i < 40; i++) {
    const all: Json = await (await fetch(`${sink}/sink/messages?to=${encodeURIComponent(DEMO.sender)}`)).json();
    const forward = all.find((m: { replyTo?: { email: string } }) => m.replyTo?.email === PROSPECT.address);
    if (forward) {
      console.log(
        `forwarded to ${DEMO.sender}: From "${forward.from.name}" <${forward.from.email}>, Reply-To ${forward.replyTo.email}, "${forward.subject}"`,
      );
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log('the forward has not reached the sink yet: is the worker running?');
}

/** Plays the prospect clicking Gmail's "Unsubscribe": the RFC 8058 one-click POST of the last follow-up. */
async function unsubscribe(conversation: string) {
  const mails: Json = await (await fetch(`${sink}/sink/messages?to=${encodeURIComponent(PROSPECT.address)}`)).json();
  const header: string | undefined = mails
    .filter((m: { customArgs: Record<string, string> }) => m.customArgs.conversation_id === conversation)
    .map((m: { headers: Record<string, string> }) => m.headers['List-Unsubscribe'])
    .filter(Boolean)
    .pop();
  const url = header?.match(/<(https?:[^>]+)>/)?.[1];
  if (!url) throw new Error('no follow-up with a List-Unsubscribe header in this conversation yet');
  const response = await fetch(url.replace(/^https?:\/\/[^/]+/, api), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
  console.log(`one-click unsubscribe → ${response.status}; the address is suppressed and its sequences stop`);
  const { suppressions } = await call('GET', `/v1/suppressions?address=${encodeURIComponent(PROSPECT.address)}`);
  console.log(`suppressions: ${JSON.stringify(suppressions)}`);
}

const context: DemoContext = {
  api,
  sender: DEMO.sender,
  prospect: PROSPECT,
  webhookSecret: () => JSON.parse(readState('secrets.json')).webhookSecret,
  call,
};
const [command, arg] = process.argv.slice(2);
const commands: Record<string, (conversation: string) => Promise<void>> = {
  show,
  reply,
  unsubscribe,
  'reply-direct': (conversation) => replyDirect(context, conversation),
};
const USAGE =
  'usage: npm run demo -- send | bcc | show <c> | reply <c> | reply-direct <c> | unsubscribe <c> (c: a conversation id)';
const run =
  command === 'send'
    ? send()
    : command === 'bcc'
      ? bcc(context)
      : command && commands[command] && arg
        ? commands[command](arg)
        : Promise.reject(new Error(USAGE));
run.catch((error) => {
  console.error(error.message);
  process.exit(1);
});
