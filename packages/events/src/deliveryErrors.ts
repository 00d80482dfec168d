// What a failed delivery attempt shows the tenant: a class, never an address, port or certificate
// name (a raw error would make the deliveries list a port scanner of the server's network).

/** Every reason an attempt can fail, besides `HTTP <status>`. */
export const DELIVERY_ERROR_CLASSES = [
  'refused: private address',
  'DNS lookup failed',
  'connection refused',
  'connection reset',
  'network unreachable',
  'TLS error',
  'timeout',
  'connection failed',
] as const;
export type DeliveryErrorClass = (typeof DELIVERY_ERROR_CLASSES)[number];

/** Thrown by the pinned lookup when a name resolves to an address the policy refuses. */
export class RefusedAddressError extends Error {
  readonly code = 'EHOOKREFUSED';
  constructor() {
    super('refused: private address');
  }
}

const BY_CODE: Record<string, DeliveryErrorClass> = {
  EHOOKREFUSED: 'refused: private address',
  ENOTFOUND: 'DNS lookup failed',
  EAI_AGAIN: 'DNS lookup failed',
  ENODATA: 'DNS lookup failed',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'network unreachable',
  ETIMEDOUT: 'timeout',
  ABORT_ERR: 'timeout',
};

const isTlsCode = (code: string) =>
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|EPROTO)/.test(code);

/** The class of a connection-level failure (a Node error with a `code`). */
export function classifyDeliveryError(error: unknown): DeliveryErrorClass {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (error instanceof RefusedAddressError) return 'refused: private address';
  if ((error as { name?: unknown } | null)?.name === 'TimeoutError') return 'timeout';
  return BY_CODE[code] ?? (isTlsCode(code) ? 'TLS error' : 'connection failed');
}

const CLASSES = new Set<string>(DELIVERY_ERROR_CLASSES);
const HTTP_STATUS = /^HTTP \d{3}$/;

/** A stored attempt error as the API shows it: a known class passes, anything else (an older raw error) is masked. */
export function publicDeliveryError(error: string): string {
  return CLASSES.has(error) || HTTP_STATUS.test(error) ? error : 'connection failed';
}

/** A delivery's reason as the API shows it: `gave up after N attempts: <class>` keeps only the class. */
export function publicDeliveryReason(reason: string): string {
  const gaveUp = /^(gave up after \d+ attempts): (.*)$/s.exec(reason);
  return gaveUp ? `${gaveUp[1]}: ${publicDeliveryError(gaveUp[2] ?? '')}` : reason;
}
