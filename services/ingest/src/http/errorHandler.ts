import type { ErrorRequestHandler } from 'express';
import { RequestValidationError } from '@ts-rest/express';
import type { ZodError } from 'zod';
import { AppError } from './appError';
import { log } from '../log';

const zodIssues = (error: ZodError | null | undefined, prefix: string) =>
  (error?.issues ?? []).map((i) => ({ path: [prefix, ...i.path].join('.'), message: i.message }));

/** ts-rest's request validation failures become one 400 body listing every issue. */
export function validationError(err: RequestValidationError): AppError {
  const issues = [...zodIssues(err.pathParams, 'params'), ...zodIssues(err.headers, 'headers'), ...zodIssues(err.query, 'query'), ...zodIssues(err.body, 'body')];
  return new AppError('validation_error', 'the request is invalid', issues);
}

/** Last handler: AppErrors keep their status; malformed JSON is a 400; anything else a logged 500. */
export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  let appError: AppError;
  if (err instanceof AppError) appError = err;
  else if (err instanceof RequestValidationError) appError = validationError(err);
  else if (err?.type === 'entity.parse.failed') appError = new AppError('validation_error', 'the body is not valid JSON');
  else if (err?.type === 'entity.too.large') appError = new AppError('validation_error', 'the body is too large');
  else {
    log.error({ err }, 'unexpected error');
    appError = new AppError('internal_error', 'internal error');
  }
  res.status(appError.status).json(appError.toBody());
};
