import { createHash } from 'node:crypto';
import { notificationsFrom, outgoingMail } from '@follow-ups/automation';
import { attachmentContents, Message, type MessageDoc } from '@follow-ups/db';
import { textToHtml, toAddress } from '@follow-ups/domain';
import { PermanentMailError } from '@follow-ups/mailer';
import type { ForwardReplyInput, ForwardResult } from '@follow-ups/workflows';
import type { ActivityDeps } from './deps';
import { readReceivedMail, type ReceivedMail } from './receivedMail';
import { replyDestinations } from './replyDestinations';

/** The forward's Message-ID: the same for every attempt, so a resent copy is the same mail to the mailbox. */
function forwardMessageId(received: MessageDoc, to: string, domain: string): string {
  const digest = createHash('sha256')
    .update(`${String(received.organization)}\n${received.messageId}\n${to}`)
    .digest('hex')
    .slice(0, 32);
  return `<fwd.${digest}@${domain}>`;
}

/** The warning of a mail whose From domain SPF and DKIM do not vouch for (webhooks/authenticity.ts in ingest). */
function authenticityNote(received: MessageDoc): string {
  const auth = received.authentication;
  if (!auth || auth.authenticated) return '';
  return ` ⚠ This message could not be authenticated: ${auth.reason ?? 'no SPF or DKIM result'}.`;
}

/** One line above the forwarded text, so the salesperson sees at once what happened. */
function preface(received: MessageDoc, conversationSubject: string): string {
  const who = received.from.name ? `${received.from.name} <${received.from.address}>` : received.from.address;
  const note = authenticityNote(received);
  // Caught through the log address and not authenticated: it stopped nothing (a forged sender is possible).
  if (note && received.viaLog)
    return `${note.trim()} It claims to come from ${who}, about "${conversationSubject}", and stopped nothing.`;
  if (received.autoReply)
    return `Automatic reply from ${who} to "${conversationSubject}" — the follow-ups go on. Answering this mail writes to them.${note}`;
  return `${who} replied to "${conversationSubject}" — the remaining follow-ups were discarded. Answering this mail writes to them.${note}`;
}

const unverifiedMark = (received: MessageDoc) =>
  received.authentication && !received.authentication.authenticated ? 'Unverified: ' : '';

/**
 * Forwards a received mail to each destination once (docs/where-replies-go.md): `From` on our
 * domain ("Jane Doe via Follow-ups" — DMARC-safe), `Reply-To` the prospect, threaded under the
 * mails the salesperson already has, text, HTML and attachments kept. A destination already
 * recorded is skipped; SendGrid 429/5xx (or an unknown outcome) throws for Temporal to retry
 * with the same Message-ID; a permanent refusal is recorded with its reason.
 */
export async function forwardReceivedMail(deps: ActivityDeps, input: ForwardReplyInput): Promise<ForwardResult[]> {
  const mail = await readReceivedMail(input, false);
  return mail ? forwardRead(deps, mail) : [];
}

/** The forward of a received mail already read (`readReceivedMail`): reads only the salesperson and, when sent, the files. */
export async function forwardRead(
  deps: ActivityDeps,
  { received, org, conversation, attachments: listOf }: ReceivedMail,
): Promise<ForwardResult[]> {
  if (received.internal) return []; // the organization's own mail, recorded only (replyDestinations)
  const thread = await Message.threadOf(received.organization, received.conversation, conversation);
  const matchedNothing = !thread.some((id) => id !== received.messageId);
  const destinations = await replyDestinations(org, received, matchedNothing);
  const done = new Map<string, { status: ForwardResult['status']; reason?: string | null }>(
    (received.forwards ?? []).map((f) => [f.to, f]),
  );
  const pending = destinations.filter((to) => !done.has(to));
  const list = pending.length ? await listOf() : null;
  const attachments = list?.files.length ? await attachmentContents(list) : [];
  const subject = conversation?.subject || received.subject || '(no subject)';
  const intro = preface(received, subject);
  const text = `${intro}\n\n${received.text ?? ''}`;
  const sender = notificationsFrom(deps);

  for (const to of pending) {
    const messageId = forwardMessageId(received, to, deps.replyDomain);
    const mail = outgoingMail(deps, {
      conversationId: String(received.conversation),
      from: {
        address: sender.address,
        name: `${unverifiedMark(received)}${received.from.name || received.from.address} via Follow-ups`,
      },
      to: [{ address: to }],
      subject: received.subject || `Re: ${subject}`,
      text,
      html: received.html ? `<p>${textToHtml(intro)}</p><hr>${received.html}` : undefined,
      messageId,
      thread: thread.filter((id) => id !== received.messageId),
      copySender: false,
      replyTo: toAddress(received.from),
      attachments,
    });
    let status: ForwardResult['status'] = 'sent';
    let reason: string | undefined;
    try {
      await deps.mailer.send(mail);
    } catch (error) {
      if (!(error instanceof PermanentMailError)) throw error; // retried by Temporal, same Message-ID
      status = 'failed';
      reason = `rejected by SendGrid: ${error.message}`;
    }
    const record = { to, status, reason, messageId, at: new Date() };
    await Message.updateOne({ _id: received._id }, { $push: { forwards: record as never } });
    done.set(to, record);
  }
  return destinations.map((to) => ({
    to,
    status: done.get(to)?.status ?? 'failed',
    reason: done.get(to)?.reason ?? null,
  }));
}
