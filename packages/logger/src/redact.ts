/**
 * What the logs never show: credentials (tokens, keys, secrets, passwords, authorization and
 * cookie headers, also inside a logged error and its cause, where an HTTP client keeps the request
 * it made) and the addresses of people, which the ids beside them identify well enough for ops.
 * Pino matches these paths exactly (`*` is one level), so each place a value can sit is listed.
 */
const SECRET_KEYS = ['authorization', 'cookie', 'token', 'apiKey', 'api_key', 'secret', 'password', 'key'];
const HEADER_HOLDERS = [
  'headers',
  'req.headers',
  'request.headers',
  'config.headers',
  'err.config.headers',
  'err.cause.config.headers',
];
const ERROR_REQUESTS = ['err.config', 'err.request', 'err.cause.config', 'err.cause.request', 'err.response.request'];
const ADDRESS_KEYS = ['email', 'address', 'from', 'to', 'cc', 'bcc', 'recipient', 'replyTo'];

function atDepths(keys: string[]): string[] {
  return keys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);
}

export const REDACTED = '[redacted]';

export const redactPaths: string[] = [
  ...atDepths(SECRET_KEYS),
  ...HEADER_HOLDERS.flatMap((holder) =>
    ['authorization', 'Authorization', 'cookie', 'x-api-key'].map((h) => `${holder}["${h}"]`),
  ),
  ...ERROR_REQUESTS,
  ...atDepths(ADDRESS_KEYS),
];
