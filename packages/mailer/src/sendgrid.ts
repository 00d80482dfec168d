import type { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import { toMailError } from './classify';
import { toSendGridMail } from './toSendGrid';
import type { Mailer } from './types';

export type SendGridMailerOptions = {
  apiKey: string;
  /** e.g. the local sink, http://127.0.0.1:3030; SendGrid's API when absent. */
  baseUrl?: string;
  /** Per request; a timed-out send is a TransientMailError with outcomeUnknown. Default 30 s. */
  timeoutMs?: number;
};

function headerValue(headers: unknown, name: string): string | null {
  if (typeof headers !== 'object' || headers === null) return null;
  const h = headers as { get?: (n: string) => unknown } & Record<string, unknown>;
  const value = typeof h.get === 'function' ? h.get(name) : h[name];
  return typeof value === 'string' && value ? value : null;
}

/** The Mailer port on @sendgrid/mail, with its own MailService (not the shared singleton). */
export function createSendGridMailer({ apiKey, baseUrl, timeoutMs = 30_000 }: SendGridMailerOptions): Mailer {
  const service = new MailService();
  service.setApiKey(apiKey);
  // setApiKey resets the base URL to SendGrid's region host, so the override comes after it.
  // MailService builds its own Client in its constructor and exposes it as `client`.
  if (baseUrl) (service as MailService & { client: Client }).client.setDefaultRequest('baseUrl', baseUrl);
  service.setTimeout(timeoutMs);

  return {
    async send(mail) {
      const message = toSendGridMail(mail);
      try {
        const [response] = await service.send(message);
        return { providerMessageId: headerValue(response.headers, 'x-message-id') };
      } catch (err) {
        throw toMailError(err);
      }
    },
  };
}
