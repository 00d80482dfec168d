// `npm run demo -- bcc` and `npm run demo -- reply-direct <conversation>`: mail written in Alex's own
// mailbox (Gmail, Outlook) reaching the log address, as SendGrid Inbound Parse posts it
// (docs/mail-from-any-mailbox.md).
import { randomBytes } from 'node:crypto';

export type DemoContext = {
  api: string;
  sender: string;
  prospect: { address: string; name: string };
  webhookSecret: () => string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call: (method: string, route: string, body?: unknown) => Promise<any>;
};

const DOMAIN_OF = (address: string) => address.split('@')[1] ?? '';

/** One Inbound Parse post in default mode, with the SPF and DKIM results a genuine mail gets. */
export async function postInbound(
  context: DemoContext,
  mail: {
    from: string;
    to: string;
    subject: string;
    text: string;
    messageId: string;
    envelopeTo: string;
    extraHeaders?: string[];
  },
): Promise<Response> {
  const fromAddress = /<([^>]+)>/.exec(mail.from)?.[1] ?? mail.from;
  const headers = [
    `Received: from mail.${DOMAIN_OF(fromAddress)} by mx.sendgrid.net; ${new Date().toUTCString()}`,
    `From: ${mail.from}`,
    `To: ${mail.to}`,
    `Subject: ${mail.subject}`,
    `Message-ID: ${mail.messageId}`,
    ...(mail.extraHeaders ?? []),
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
  ].join('\n');
  const form = new FormData();
  for (const [k, v] of Object.entries({
    headers,
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    envelope: JSON.stringify({ to: [mail.envelopeTo], from: fromAddress }),
    charsets: JSON.stringify({ to: 'UTF-8', from: 'UTF-8', subject: 'UTF-8', text: 'UTF-8' }),
    SPF: 'pass',
    dkim: `{@${DOMAIN_OF(fromAddress)} : pass}`,
    sender_ip: '203.0.113.7',
    attachments: '0',
  }))
    form.append(k, v);
  return fetch(`${context.api}/webhooks/sendgrid/inbound/${context.webhookSecret()}`, { method: 'POST', body: form });
}

const logAddressOf = async (context: DemoContext): Promise<string> =>
  (await context.call('GET', '/v1/settings')).settings.log_address;

/** Alex writes the quote in his own mailbox with the log address in Bcc: the copy starts the sequence. */
export async function bcc(context: DemoContext): Promise<void> {
  const log = await logAddressOf(context);
  const messageId = `<${randomBytes(8).toString('hex')}@mail.${DOMAIN_OF(context.sender)}>`;
  const response = await postInbound(context, {
    from: `Alex Demo <${context.sender}>`,
    to: `${context.prospect.name} <${context.prospect.address}>`,
    subject: 'Your quote for 12 seats',
    text: 'Hi Jane,\n\nHere is the quote you requested: 12 seats at $4,800 a year.\n\nAlex',
    messageId,
    envelopeTo: log,
  });
  console.log(`Bcc copy to ${log} → ${response.status} ${await response.text()}`);
  const { conversations } = await context.call('GET', '/v1/conversations?limit=20');
  const found = [];
  for (const c of conversations) {
    const { messages } = await context.call('GET', `/v1/conversations/${c.id}/messages`);
    if (messages.some((m: { message_id: string }) => m.message_id === messageId)) found.push(c);
  }
  const conversation = found[0];
  if (!conversation) return console.log('no conversation holds the copy: is the log address right?');
  const {
    conversations: [detail],
  } = await context.call('GET', `/v1/conversations/${conversation.id}`);
  console.log(`conversation ${conversation.id}, sequence ${detail.sequence?.id ?? '(none: no rule matched)'}`);
  const { drafts } = await context.call('GET', `/v1/conversations/${conversation.id}/drafts`);
  for (const d of drafts)
    console.log(`  ${d.step}. ${d.status.padEnd(9)} due ${new Date(d.send_at * 1000).toLocaleTimeString()}`);
  console.log(`next: npm run demo -- reply-direct ${conversation.id}`);
}

/** Jane answers Alex's own address (not our relay); his mailbox's redirect brings it to the log address. */
export async function replyDirect(context: DemoContext, conversation: string): Promise<void> {
  const log = await logAddressOf(context);
  const { messages } = await context.call('GET', `/v1/conversations/${conversation}/messages`);
  const original = messages.find((m: { origin: string }) => m.origin === 'mailbox') ?? messages[0];
  if (!original) throw new Error(`conversation ${conversation} has no messages`);
  const response = await postInbound(context, {
    from: `${context.prospect.name} <${context.prospect.address}>`,
    to: `Alex Demo <${context.sender}>`,
    subject: `Re: ${original.subject.replace(/^Re: /, '')}`,
    text: 'Thanks Alex, we will sign this week.',
    messageId: `<reply.${Date.now()}@prospect.example>`,
    envelopeTo: log,
    extraHeaders: [`In-Reply-To: ${original.message_id}`, `References: ${original.message_id}`],
  });
  console.log(`answer to ${context.sender}, redirected to ${log} → ${response.status} ${await response.text()}`);
  const { drafts } = await context.call('GET', `/v1/conversations/${conversation}/drafts`);
  for (const d of drafts) console.log(`  ${d.step}. ${d.status.padEnd(9)}${d.reason ? `  (${d.reason})` : ''}`);
}
