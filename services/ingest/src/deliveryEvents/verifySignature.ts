import type { RequestHandler } from 'express';
import { EventWebhook, EventWebhookHeader } from '@sendgrid/eventwebhook';
import type { AppDeps } from '../deps';
import { AppError } from '../http/appError';
import { currentTime } from '@follow-ups/domain';

const DEFAULT_MAX_AGE_SECONDS = 600;

/**
 * SendGrid's Signed Event Webhook: an ECDSA P-256 signature (base64 DER) over the timestamp header
 * followed by the raw body, checked with SendGrid's own @sendgrid/eventwebhook. Missing, forged or
 * stale (replayed) posts are a 403 before anything is read from the body.
 */
export function requireSendGridSignature(deps: AppDeps): RequestHandler {
  const verifier = new EventWebhook();
  const publicKey = deps.eventWebhookPublicKey ? verifier.convertPublicKeyToECDSA(deps.eventWebhookPublicKey) : null;
  const maxAge = deps.eventWebhookMaxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
  return (req, _res, next) => {
    const forbidden = (message: string) => next(new AppError('forbidden', message));
    if (!publicKey) return forbidden('the Event Webhook verification key is not configured');
    const signature = req.header(EventWebhookHeader.SIGNATURE());
    const timestamp = req.header(EventWebhookHeader.TIMESTAMP());
    if (!signature || !timestamp) return forbidden('unsigned event post');
    const now = currentTime(deps).getTime() / 1000;
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > maxAge)
      return forbidden('stale or invalid signature timestamp');
    if (!Buffer.isBuffer(req.body)) return forbidden('unsigned event post');
    let valid = false;
    try {
      valid = verifier.verifySignature(publicKey, req.body, signature, timestamp);
    } catch {
      valid = false; // not a DER signature at all
    }
    if (!valid) return forbidden('the signature does not verify');
    next();
  };
}
