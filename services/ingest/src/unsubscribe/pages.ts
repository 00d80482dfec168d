// The two tiny pages of the unsubscribe link. Nothing tenant-written is shown; the address is escaped.
// No script, no third-party asset; the one inline style is allowed by its hash (pageHeaders).
import { createHash } from 'node:crypto';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}button{font-size:1rem;padding:.6rem 1.2rem;cursor:pointer}';
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/**
 * The headers of every page: a CSP that allows nothing but the page's own style and a form posting
 * back to us, no framing (clickjacking of the one-click button), no referrer (the URL holds a token).
 */
export function pageHeaders(publicBaseUrl: string | undefined): Record<string, string> {
  const formAction = ["'self'", publicBaseUrl ? new URL(publicBaseUrl).origin : ''].filter(Boolean).join(' ');
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': `default-src 'none'; style-src ${STYLE_HASH}; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/** Where the confirmation form posts: the configured public URL, never the request's Host header. */
export function formAction(publicBaseUrl: string | undefined, path: string): string {
  return publicBaseUrl ? `${publicBaseUrl.replace(/\/+$/, '')}${path}` : path;
}

const layout = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escape(title)}</title>` +
  `<style>${STYLE}</style></head>` +
  `<body><h1>${escape(title)}</h1>${body}</body></html>`;

export const confirmPage = (address: string, action: string) =>
  layout(
    'Unsubscribe',
    `<p>Stop receiving these emails at <strong>${escape(address)}</strong>?</p><form method="post" action="${escape(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
  );

export const donePage = (address: string) =>
  layout('Unsubscribed', `<p><strong>${escape(address)}</strong> will not receive these emails any more.</p>`);

export const invalidPage = () =>
  layout('Link not valid', '<p>This unsubscribe link is not valid. Reply to the email and ask to be removed.</p>');
