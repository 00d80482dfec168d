import pino, { type Logger } from 'pino';
import { loadLogLevel } from '@follow-ups/config';

/**
 * Structured JSON logs (pino) for the services: one line per event with its fields, so production
 * log pipelines can filter by conversation, draft or workflow id. LOG_LEVEL sets the level.
 */
export function createLogger(service: string): Logger {
  return pino({ name: service, level: loadLogLevel(), base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}

export type { Logger };
export { retryUntilReady, type RetryOptions } from './retryUntilReady';
