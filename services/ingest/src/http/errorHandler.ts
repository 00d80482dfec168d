import type { ErrorRequestHandler } from 'express';
import { RequestValidationError } from '@ts-rest/express';
import type { ZodError } from 'zod';
import { DirectoryError } from '@follow-ups/directory';
import { AppError } from './appError';
import { log } from '../log';

const zodIssues = (error: ZodError | null | undefined, prefix: string) =>
  (error?.issues ?? []).map((i) => ({ path: [prefix, ...i.path].join('.'), message: i.message }));

/** ts-rest's request validation failures become one 400 body listing every issue. */
export function validationError(err: RequestValidationError): AppError {
  const issues = [
    ...zodIssues(err.pathParams, 'params'),
    ...zodIssues(err.headers, 'headers'),
    ...zodIssues(err.query, 'query'),
    ...zodIssues(err.body, 'body'),
  ];
  return new AppError('validation_error', 'the request is invalid', issues);
}

/** An error express or body-parser raised about the request itself (they set a 4xx `status`). */
const isClientError = (err: { status?: unknown; expose?: unknown } | null | undefined) =>
  typeof err?.status === 'number' && err.status >= 400 && err.status < 500 && err.expose !== false;

/**
 * Last handler: AppErrors keep their status; a malformed body or URL (bad JSON, unsupported
 * encoding or charset, broken percent-encoding) is a 400; anything else a logged 500.
 */
export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  let appError: AppError;
  if (err instanceof AppError) appError = err;
  else if (err instanceof RequestValidationError) appError = validationError(err);
  else if (err instanceof DirectoryError) appError = new AppError(err.code, err.message, err.issues);
  else if (err?.type === 'entity.parse.failed')
    appError = new AppError('validation_error', 'the body is not valid JSON');
  else if (err?.type === 'entity.too.large') appError = new AppError('validation_error', 'the body is too large');
  else if (err instanceof URIError)
    appError = new AppError('validation_error', 'the URL is not valid percent-encoded UTF-8');
  else if (isClientError(err)) appError = new AppError('validation_error', `the request is malformed: ${err.message}`);
  else {
    log.error({ err }, 'unexpected error');
    appError = new AppError('internal_error', 'internal error');
  }
  res.status(appError.status).json(appError.toBody());
};
