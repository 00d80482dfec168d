import express, { type ErrorRequestHandler, type Express } from 'express';
import { EventWebhookEmitter } from './eventWebhook';
import { FaultQueue } from './faults';
import { faultRoutes } from './routes/faults';
import { mailSendRoutes } from './routes/mailSend';
import { messageRoutes } from './routes/messages';
import { SentMailStore } from './store';

/** Bad JSON, bodies over the limit, anything unexpected: a SendGrid-style error body. */
const sendGridErrors: ErrorRequestHandler = (err: { status?: number; statusCode?: number }, _req, res, _next) => {
  const status = err.status ?? err.statusCode ?? 500;
  res
    .status(status)
    .json({ errors: [{ message: status === 500 ? 'Internal Server Error' : 'Bad Request', field: null, help: null }] });
};

/**
 * A SendGrid-compatible mail/send endpoint that records mails instead of delivering them, and
 * reports them to an Event Webhook when `events` is configured.
 */
export function buildSinkApp(
  store = new SentMailStore(),
  faults = new FaultQueue(),
  events = new EventWebhookEmitter(),
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(mailSendRoutes(store, faults, events), messageRoutes(store), faultRoutes(faults));
  app.use(sendGridErrors);
  return app;
}
