import express from 'express';
import { deliveryRouter, type SendgridEventsResult } from '@follow-ups/contract';
import type { AppDeps } from '../deps';
import { AppError } from '../http/appError';
import { sameSecret } from '../inboundMail/auth';
import { applyEvent } from './applyEvent';
import { requireSendGridSignature } from './verifySignature';

/**
 * POST /webhooks/sendgrid/events/:secret (declared in the contract's `deliveryRouter`). Mounted
 * before express.json(): the signature covers the raw bytes. Events are applied one by one, in
 * order; an error answers 500 so that SendGrid posts the batch again (applied events are skipped).
 */
export function sendgridEventsRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  router.post(
    deliveryRouter.sendgridEvents.path,
    (req, _res, next) =>
      next(
        sameSecret(req.params.secret ?? '', deps.eventWebhookUrlSecret ?? deps.inboundWebhookSecret)
          ? undefined
          : new AppError('unauthorized', 'wrong webhook secret'),
      ),
    express.raw({ type: () => true, limit: '10mb' }),
    requireSendGridSignature(deps),
    (req, res, next) => {
      receiveEvents(deps, req.body as Buffer).then((result) => res.status(200).json(result), next);
    },
  );
  return router;
}

async function receiveEvents(deps: AppDeps, body: Buffer): Promise<SendgridEventsResult> {
  let events: unknown;
  try {
    events = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AppError('validation_error', 'the body is not valid JSON');
  }
  if (!Array.isArray(events)) throw new AppError('validation_error', 'expected a JSON array of events');
  const result: SendgridEventsResult = { applied: 0, duplicates: 0, unmatched: 0 };
  for (const event of events) {
    const outcome = await applyEvent(deps, event);
    if (outcome === 'applied') result.applied++;
    else if (outcome === 'duplicate') result.duplicates++;
    else result.unmatched++;
  }
  return result;
}
