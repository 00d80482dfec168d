import type { Response } from 'express';
import { isDatabaseError } from '@follow-ups/db';
import { isTemporalUnreachable } from '../drafts/retryPendingRules';

/**
 * How long the inbound webhook works on a parsed post before answering 503: a backstop (a server
 * that accepts connections but never answers), under the 10 s SendGrid should wait. An unreachable
 * server fails sooner: each database call within 5 s (`serverSelectionTimeoutMS`), each Temporal call
 * within 3–4 s (its deadline), and no retry pass starts that could not finish in time.
 */
export const INBOUND_DEADLINE_MS = 8_000;
/** Storing kept attachments is real work on a database that answers: each MiB extends the deadline by this much. */
const PER_MIB_MS = 1_000;

/** The deadline of one post: INBOUND_DEADLINE_MS, longer for one with attachments to store (30 MB at most: +30 s). */
export const deadlineMs = (attachments: readonly { size: number }[]) =>
  INBOUND_DEADLINE_MS + Math.ceil((attachments.reduce((sum, a) => sum + a.size, 0) / 2 ** 20) * PER_MIB_MS);

/** What the 503 tells SendGrid (which retries 5xx with its own backoff anyway). */
export const RETRY_AFTER_SECONDS = 30;

/** The post was not finished in time: the work goes on (every step is idempotent) and the answer is a 503. */
export class InboundDeadlineExceeded extends Error {
  constructor() {
    super(`not done within ${INBOUND_DEADLINE_MS} ms`);
    this.name = 'InboundDeadlineExceeded';
  }
}

/** A fault of the database or Temporal, not of the post: worth SendGrid's retry, never a 4xx. */
export const isTransientFault = (error: unknown) =>
  error instanceof InboundDeadlineExceeded || isDatabaseError(error) || isTemporalUnreachable(error);

/** `work`, or InboundDeadlineExceeded once `deadline` (epoch ms) passes; a later failure of `work` is only logged. */
export function beforeDeadline<T>(
  work: Promise<T>,
  deadline: number,
  onLateFailure: (error: unknown) => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InboundDeadlineExceeded()), Math.max(0, deadline - Date.now()));
  });
  work.catch(onLateFailure);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** 503 with `Retry-After`: SendGrid keeps the mail and posts it again. */
export function answerUnavailable(res: Response, error: unknown): void {
  const reason =
    error instanceof InboundDeadlineExceeded
      ? 'the database or Temporal is slow to answer'
      : 'the database or Temporal is unreachable';
  res
    .status(503)
    .set('Retry-After', String(RETRY_AFTER_SECONDS))
    .json({ error: { code: 'unavailable', message: `${reason}: the mail was not taken; retry later` } });
}
