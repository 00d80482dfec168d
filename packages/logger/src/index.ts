import pino, { type DestinationStream, type Logger } from 'pino';
import { loadLogLevel } from '@follow-ups/config';
import { REDACTED, redactPaths } from './redact';

/**
 * Structured JSON logs (pino) for the services: one line per event with its fields, so production
 * log pipelines can filter by conversation, draft or workflow id. LOG_LEVEL sets the level.
 * Credentials and people's addresses are redacted (see redact.ts). `destination`: tests only.
 */
export function createLogger(service: string, destination?: DestinationStream): Logger {
  const options = {
    name: service,
    level: loadLogLevel(),
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths, censor: REDACTED },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
export { REDACTED, redactPaths } from './redact';
export { retryUntilReady, type RetryOptions } from './retryUntilReady';
