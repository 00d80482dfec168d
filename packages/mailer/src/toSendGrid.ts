import type { MailDataRequired } from '@sendgrid/mail';
import { PermanentMailError } from './errors';
import type { MailAddress, OutgoingMail } from './types';

/** Ours: '<left@right>' in printable ASCII, safe in a mail header and in an HTTP header. */
const OUR_MSG_ID = /^<[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+>$/;
/** Theirs (In-Reply-To, References): other mailers' ids are kept if they are header-safe. */
const ANY_MSG_ID = /^<[\x21-\x3b\x3d\x3f-\x7e]+>$/;
const ADDRESS = /^[^\s@<>",]+@[^\s@<>",]+$/;
/** RFC 5322 field name; values are one line of printable characters. */
const HEADER_NAME = /^[\x21-\x39\x3b-\x7e]+$/;
const HEADER_VALUE = /^[\x20-\x7e\t]*$/;

const refuse = (problem: string): never => {
  throw new PermanentMailError(`invalid mail: ${problem}`, undefined, [problem]);
};

function toEmail(a: MailAddress, field: string): { email: string; name?: string } {
  if (!ADDRESS.test(a.address)) refuse(`${field}: "${a.address}" is not an email address`);
  return a.name ? { email: a.address, name: a.name } : { email: a.address };
}

/** Drops addresses already seen: SendGrid refuses a recipient repeated across to, cc and bcc. */
function unique(seen: Set<string>, list: MailAddress[]): MailAddress[] {
  return list.filter((a) => {
    const key = a.address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Message-ID, In-Reply-To and References. A malformed id of another mailer is dropped (the
 * follow-up still goes, threaded on what is left) rather than failing the send.
 */
function threadingHeaders(mail: OutgoingMail): Record<string, string> {
  if (!OUR_MSG_ID.test(mail.messageId)) refuse(`messageId: "${mail.messageId}" is not of the form <id@domain>`);
  const inReplyTo = mail.inReplyTo && ANY_MSG_ID.test(mail.inReplyTo) ? mail.inReplyTo : undefined;
  const given = (mail.references ?? []).filter((id) => ANY_MSG_ID.test(id));
  const references = given.length ? given : inReplyTo ? [inReplyTo] : [];
  return {
    'Message-ID': mail.messageId,
    ...(inReplyTo ? { 'In-Reply-To': inReplyTo } : {}),
    ...(references.length ? { References: references.join(' ') } : {}),
  };
}

function extraHeaders(mail: OutgoingMail): Record<string, string> {
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    if (!HEADER_NAME.test(name) || typeof value !== 'string' || !HEADER_VALUE.test(value))
      refuse(`headers.${name}: not a one-line header`);
  }
  return { ...mail.headers };
}

/**
 * Maps our mail to the @sendgrid/mail message: one personalization, threading headers in
 * `headers`, reply_to and custom_args. Throws PermanentMailError for what SendGrid would refuse.
 */
export function toSendGridMail(mail: OutgoingMail): MailDataRequired {
  const seen = new Set<string>();
  const to = unique(seen, mail.to);
  if (to.length === 0) refuse('to: at least one recipient is required');
  if (!mail.subject.trim()) refuse('subject: must not be empty');
  if (!mail.text) refuse('text: must not be empty');
  if (mail.html === '') refuse('html: must not be empty when given');
  for (const [key, value] of Object.entries(mail.customArgs ?? {})) {
    if (typeof value !== 'string') refuse(`customArgs.${key}: must be a string`);
  }
  return {
    from: toEmail(mail.from, 'from'),
    to: to.map((a) => toEmail(a, 'to')),
    cc: unique(seen, mail.cc).map((a) => toEmail(a, 'cc')),
    bcc: unique(seen, mail.bcc).map((a) => toEmail(a, 'bcc')),
    ...(mail.replyTo ? { replyTo: toEmail(mail.replyTo, 'replyTo') } : {}),
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    headers: { ...extraHeaders(mail), ...threadingHeaders(mail) },
    ...(mail.customArgs && Object.keys(mail.customArgs).length ? { customArgs: { ...mail.customArgs } } : {}),
    ...(mail.attachments?.length
      ? {
          attachments: mail.attachments.map((a) => ({
            filename: a.filename,
            type: a.contentType,
            content: a.content.toString('base64'),
            disposition: 'attachment',
          })),
        }
      : {}),
  };
}
