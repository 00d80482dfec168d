export type MailAddress = { address: string; name?: string };

/** A file sent with the mail. */
export type MailAttachment = { filename: string; contentType: string; content: Buffer };

/** One mail to send. Threading headers are ours, in RFC 5322 form ('<id@domain>'). */
export type OutgoingMail = {
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  replyTo?: MailAddress;
  subject: string;
  text: string;
  html?: string;
  /** Our Message-ID, '<...>'; the provider keeps it, so replies can be matched to it. */
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  /** Extra headers, e.g. List-Unsubscribe; the threading headers above win over these. */
  headers?: Record<string, string>;
  /** Echoed by the provider's event webhooks. */
  customArgs?: Record<string, string>;
  attachments?: MailAttachment[];
};

/** The SendGrid port. Throws PermanentMailError or TransientMailError. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<{ providerMessageId: string | null }>;
}
