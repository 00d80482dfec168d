import { unsubscribeHeaders, unsubscribeLinks, unsubscribeUrl, type UnsubscribeConfig } from '@follow-ups/domain';

export type UnsubscribeContext = { publicBaseUrl?: string; replyDomain: string; replyTokenSecret: string };

const configOf = (ctx: UnsubscribeContext): UnsubscribeConfig | null =>
  ctx.publicBaseUrl
    ? { publicBaseUrl: ctx.publicBaseUrl, replyDomain: ctx.replyDomain, secret: ctx.replyTokenSecret }
    : null;

/** RFC 8058 one-click headers for a mail to `recipient`, or none when no public URL is configured. */
export function listUnsubscribe(
  ctx: UnsubscribeContext,
  organizationId: string,
  recipient: string,
): Record<string, string> | undefined {
  const config = configOf(ctx);
  return config ? unsubscribeHeaders(organizationId, recipient, config) : undefined;
}

/** The link for `{{ unsubscribe_url }}` in canned responses, or none when no public URL is configured. */
export function unsubscribeLink(
  ctx: UnsubscribeContext,
  organizationId: string,
  recipient: string,
): string | undefined {
  const config = configOf(ctx);
  return config ? unsubscribeUrl(organizationId, recipient, config) : undefined;
}

/** Both of the above on one signature (a follow-up's link and headers), or none when no public URL is configured. */
export function unsubscribeLinkAndHeaders(
  ctx: UnsubscribeContext,
  organizationId: string,
  recipient: string,
): { url: string; headers: Record<string, string> } | undefined {
  const config = configOf(ctx);
  return config ? unsubscribeLinks(organizationId, recipient, config) : undefined;
}
