import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import express, { type RequestHandler, type Router } from 'express';
import type { EventWebhookEmitter } from '../eventWebhook';
import type { FaultQueue } from '../faults';
import type { SentMailStore } from '../store';
import type { SendGridError, SendGridMailBody } from '../types';
import { validateMailBody } from '../validate';

const errors = (...list: SendGridError[]) => ({ errors: list });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** SendGrid's X-Message-Id is 22 url-safe characters. */
const newMessageId = () => randomBytes(16).toString('base64url').slice(0, 22);

/** Like SendGrid, any `Authorization: Bearer <key>` is checked before the body is read. */
const requireBearer: RequestHandler = (req, res, next) => {
  const header = req.get('authorization');
  if (!header) {
    res.status(401).json(errors({ message: 'authorization required', field: null, help: null }));
    return;
  }
  if (!/^Bearer \S+/.test(header)) {
    res.status(401).json(
      errors({
        message: 'The provided authorization grant is invalid, expired, or revoked',
        field: null,
        help: null,
      }),
    );
    return;
  }
  next();
};

/**
 * POST /v3/mail/send. An injected delay is served before the mail is recorded, so a client that
 * gives up early still leaves a recorded mail behind, as a slow real provider would; the Event
 * Webhook then reports it like any other.
 */
export function mailSendRoutes(store: SentMailStore, faults: FaultQueue, events?: EventWebhookEmitter): Router {
  const router = express.Router();
  router.post('/v3/mail/send', requireBearer, express.json({ limit: '30mb' }), async (req, res, next) => {
    const arrivedAt = new Date();
    try {
      const fault = faults.take();
      if (fault?.delayMs) await sleep(fault.delayMs);
      if (fault?.status) {
        res
          .status(fault.status)
          .json(errors({ message: STATUS_CODES[fault.status] ?? 'injected failure', field: null, help: null }));
        return;
      }
      const problems = validateMailBody(req.body);
      if (problems.length > 0) {
        res.status(400).json(errors(...problems));
        return;
      }
      const mail = store.add(newMessageId(), req.body as SendGridMailBody, new Date(), arrivedAt);
      res.status(202).set('X-Message-Id', mail.id).end();
      events?.mailAccepted(mail);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
