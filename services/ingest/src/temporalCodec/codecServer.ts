import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Payload, PayloadCodec } from '@temporalio/common';

/** Temporal's remote codec protocol: the Temporal UI and `temporal workflow show --codec-endpoint` call it. */
export type TemporalCodecServerOptions = {
  codec: PayloadCodec;
  /** Callers send `Authorization: Bearer <token>` (the CLI: `--codec-auth 'Bearer <token>'`). */
  token: string;
  /** Browser origins allowed to call it (the Temporal UI's), e.g. https://temporal.example.com. */
  corsOrigins: string[];
};

type JsonPayload = { metadata?: Record<string, string>; data?: string };

const digest = (value: string) => createHash('sha256').update(value).digest();
const isBase64Map = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string');

/** `{ payloads: [{ metadata: { k: base64 }, data: base64 }] }`, or undefined when the body is not that. */
function parsePayloads(body: unknown): Payload[] | undefined {
  const payloads = (body as { payloads?: unknown } | undefined)?.payloads;
  if (!Array.isArray(payloads)) return undefined;
  const valid = payloads.every(
    (p: JsonPayload) =>
      typeof p === 'object' && p !== null && isBase64Map(p.metadata ?? {}) && typeof (p.data ?? '') === 'string',
  );
  if (!valid) return undefined;
  return (payloads as JsonPayload[]).map((p) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(p.data ?? '', 'base64'),
  }));
}

const toJson = (payloads: Payload[]): { payloads: JsonPayload[] } => ({
  payloads: payloads.map((p) => ({
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
    ),
    data: Buffer.from(p.data ?? []).toString('base64'),
  })),
});

/**
 * `POST /temporal-codec/decode` and `/encode` (docs/payload-encryption.md): ops read encrypted
 * summaries, inputs and results in the Temporal UI or CLI. Behind a bearer token; CORS for the UI's origins.
 */
export function temporalCodecRouter(options: TemporalCodecServerOptions): express.Router {
  const router = express.Router();
  const expected = digest(`Bearer ${options.token}`);
  const cors = (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin && options.corsOrigins.includes(origin)) {
      res.set({
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type, Authorization, X-Namespace',
        Vary: 'Origin',
      });
    }
    if (req.method === 'OPTIONS') res.status(204).end();
    else next();
  };
  const auth = (req: Request, res: Response, next: NextFunction) => {
    if (timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) next();
    else res.status(401).json({ error: 'a codec server token is required: Authorization: Bearer <token>' });
  };
  router.use('/temporal-codec', cors, auth, express.json({ limit: '4mb' }));
  for (const operation of ['encode', 'decode'] as const) {
    router.post(`/temporal-codec/${operation}`, (req, res, next) => {
      const payloads = parsePayloads(req.body);
      if (!payloads) {
        res.status(400).json({ error: 'expected {"payloads": [{"metadata": {...base64}, "data": base64}]}' });
        return;
      }
      options.codec[operation](payloads).then(
        (result) => res.json(toJson(result)),
        (error: unknown) =>
          operation === 'decode'
            ? res.status(400).json({ error: `cannot decode: ${(error as Error).message}` })
            : next(error),
      );
    });
  }
  return router;
}
