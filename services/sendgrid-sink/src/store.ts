import type { SendGridMailBody, SentMail } from './types';

/** In-memory record of accepted mails, oldest first. */
export class SentMailStore {
  private readonly mails: SentMail[] = [];

  /** `arrivedAt`: when the request came in, before any injected delay (defaults to `receivedAt`). */
  add(id: string, body: SendGridMailBody, receivedAt = new Date(), arrivedAt = receivedAt): SentMail {
    const mail = flatten(id, body, receivedAt, arrivedAt);
    this.mails.push(mail);
    return mail;
  }

  /** Mails oldest first; `to` keeps those with that address among to, cc or bcc (any case). */
  list(filter: { to?: string } = {}): SentMail[] {
    const to = filter.to?.trim().toLowerCase();
    if (!to) return [...this.mails];
    return this.mails.filter((m) => [...m.to, ...m.cc, ...m.bcc].some((a) => a.email.toLowerCase() === to));
  }

  get(id: string): SentMail | undefined {
    return this.mails.find((m) => m.id === id);
  }

  clear(): void {
    this.mails.length = 0;
  }
}

function flatten(id: string, body: SendGridMailBody, receivedAt: Date, arrivedAt: Date): SentMail {
  const personalizations = body.personalizations ?? [];
  const first = personalizations[0];
  const content = (type: string) => body.content?.find((c) => c.type === type)?.value ?? null;
  return {
    id,
    receivedAt: receivedAt.toISOString(),
    arrivedAt: arrivedAt.toISOString(),
    body,
    from: body.from ?? { email: '' },
    replyTo: body.reply_to ?? null,
    to: personalizations.flatMap((p) => p.to ?? []),
    cc: personalizations.flatMap((p) => p.cc ?? []),
    bcc: personalizations.flatMap((p) => p.bcc ?? []),
    subject: first?.subject ?? body.subject ?? '',
    text: content('text/plain'),
    html: content('text/html'),
    headers: { ...body.headers, ...first?.headers },
    customArgs: { ...body.custom_args, ...first?.custom_args },
    categories: body.categories ?? [],
    attachments: (body.attachments ?? []).map((a) => ({
      filename: a.filename,
      type: a.type ?? null,
      size: Buffer.from(a.content, 'base64').length,
      content: a.content,
    })),
  };
}
