import { PermanentMailError, TransientMailError } from './errors';

type ProviderResponseError = { code: number; message: string; response: { body?: unknown } };

/** @sendgrid/client rejects with a ResponseError ({ code: status, response: { body } }) for 4xx/5xx. */
function isProviderResponse(err: unknown): err is ProviderResponseError {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as Record<string, unknown>;
  return typeof e.code === 'number' && typeof e.response === 'object' && e.response !== null;
}

function providerMessages(body: unknown): string[] {
  if (typeof body === 'string') return body ? [body] : [];
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { errors?: unknown }).errors)) return [];
  return (body as { errors: unknown[] }).errors
    .map((e) => (typeof e === 'object' && e !== null ? (e as { field?: unknown; message?: unknown }) : {}))
    .filter((e) => typeof e.message === 'string')
    .map((e) => (typeof e.field === 'string' ? `${e.field}: ${String(e.message)}` : String(e.message)));
}

/**
 * The cause kept on our errors: the provider's error without what its HTTP client attached (the
 * request with its `Authorization: Bearer <API key>` header, the response headers), so no log,
 * activity failure or error report built from it can carry the key. Name, message, code and status only.
 */
export function safeCause(err: unknown): Error {
  const source =
    typeof err === 'object' && err !== null ? (err as { name?: unknown; code?: unknown; message?: unknown }) : {};
  const message = typeof source.message === 'string' ? source.message : String(err);
  const cause = new Error(message);
  if (typeof source.name === 'string') cause.name = source.name;
  if (typeof source.code === 'string' || typeof source.code === 'number') Object.assign(cause, { code: source.code });
  return cause;
}

/** Failures where no request can have reached the provider. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL']);

/**
 * Maps whatever a send threw to one of our two errors: 4xx (but 408 and 429) is permanent;
 * 408, 429, 5xx, network failures, timeouts and anything unrecognised are transient, so a due
 * follow-up is retried rather than lost.
 */
export function toMailError(err: unknown): PermanentMailError | TransientMailError {
  if (err instanceof PermanentMailError || err instanceof TransientMailError) return err;
  if (isProviderResponse(err)) {
    const status = err.code;
    const messages = providerMessages(err.response.body);
    const detail = `SendGrid answered ${status}${messages.length ? `: ${messages.join('; ')}` : ''}`;
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
      return new PermanentMailError(detail, status, messages, { cause: safeCause(err) });
    }
    return new TransientMailError(detail, status, messages, { cause: safeCause(err), outcomeUnknown: status >= 500 });
  }
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  const message = err instanceof Error ? err.message : String(err);
  const notSent = typeof code === 'string' && NOT_SENT_CODES.has(code);
  return new TransientMailError(
    `SendGrid request failed: ${typeof code === 'string' ? `${code} ` : ''}${message}`,
    undefined,
    [],
    {
      cause: safeCause(err),
      outcomeUnknown: !notSent,
    },
  );
}
