import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { AppDeps } from '../deps';
import { AppError } from '../http/appError';

/** Constant-time string comparison (hashing first makes the lengths equal). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function basicCredentials(header: string | undefined): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  return match ? Buffer.from(match[1] ?? '', 'base64').toString('utf8') : null;
}

/**
 * Authenticates SendGrid before the body is read: the `:secret` of the Inbound Parse URL, and
 * HTTP basic auth (`user:password` in the URL SendGrid is given) when it is configured.
 */
export function requireInboundAuth(deps: AppDeps): RequestHandler {
  return (req, res, next) => {
    if (!sameSecret(req.params.secret ?? '', deps.inboundWebhookSecret)) {
      return next(new AppError('unauthorized', 'wrong webhook secret'));
    }
    if (deps.inboundWebhookBasicAuth) {
      const given = basicCredentials(req.header('authorization'));
      if (given === null || !sameSecret(given, deps.inboundWebhookBasicAuth)) {
        res.set('WWW-Authenticate', 'Basic realm="sendgrid-inbound", charset="UTF-8"');
        return next(new AppError('unauthorized', 'wrong or missing basic auth credentials'));
      }
    }
    next();
  };
}
