/**
 * The provider refused the mail and will refuse it again (bad address, bad request, bad key):
 * retrying cannot help. `status` is absent when the mail was refused before any request.
 */
export class PermanentMailError extends Error {
  readonly retryable = false;
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly providerErrors: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PermanentMailError';
  }
}

/**
 * The send may succeed later (rate limit, provider outage, network failure, timeout).
 * `outcomeUnknown` is true when the request may have reached the provider (5xx, timeout,
 * connection reset): the mail may already be on its way, so a retry could send it twice.
 */
export class TransientMailError extends Error {
  readonly retryable = true;
  readonly outcomeUnknown: boolean;
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly providerErrors: string[] = [],
    options: { cause?: unknown; outcomeUnknown?: boolean } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'TransientMailError';
    this.outcomeUnknown = options.outcomeUnknown ?? true;
  }
}
