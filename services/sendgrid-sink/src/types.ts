/** The SendGrid v3 mail/send body, as @sendgrid/mail sends it (only the fields the sink reads). */
export type SendGridAddress = { email: string; name?: string };

export type SendGridPersonalization = {
  to?: SendGridAddress[];
  cc?: SendGridAddress[];
  bcc?: SendGridAddress[];
  subject?: string;
  headers?: Record<string, string>;
  custom_args?: Record<string, string>;
};

export type SendGridMailBody = {
  personalizations?: SendGridPersonalization[];
  from?: SendGridAddress;
  reply_to?: SendGridAddress;
  subject?: string;
  content?: { type: string; value: string }[];
  headers?: Record<string, string>;
  custom_args?: Record<string, string>;
  categories?: string[];
  attachments?: { content: string; filename: string; type?: string; disposition?: string }[];
  [key: string]: unknown;
};

/** SendGrid's error body: `{ errors: [{ message, field, help }] }`. */
export type SendGridError = { message: string; field: string | null; help: string | null };

/** One accepted mail, as recorded by the sink. */
export type SentMail = {
  id: string;
  receivedAt: string;
  /** The JSON body exactly as it was posted. */
  body: SendGridMailBody;
  from: SendGridAddress;
  replyTo: SendGridAddress | null;
  to: SendGridAddress[];
  cc: SendGridAddress[];
  bcc: SendGridAddress[];
  subject: string;
  text: string | null;
  html: string | null;
  /** Top-level headers merged with the personalization's (the personalization wins). */
  headers: Record<string, string>;
  customArgs: Record<string, string>;
  categories: string[];
  /** Decoded attachments: name, type and size, the content base64 as posted. */
  attachments: { filename: string; type: string | null; size: number; content: string }[];
};
