export { buildSinkApp } from './app';
export { SentMailStore } from './store';
export { FaultQueue, type Fault } from './faults';
export { validateMailBody } from './validate';
export type { SendGridAddress, SendGridError, SendGridMailBody, SendGridPersonalization, SentMail } from './types';
export { EventWebhookEmitter, parsePrivateKey, type EventWebhookConfig, type SinkEvent } from './eventWebhook';
