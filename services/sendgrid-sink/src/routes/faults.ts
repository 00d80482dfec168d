import express, { type Router } from 'express';
import type { FaultQueue } from '../faults';

const isInt = (v: unknown, min: number, max: number): v is number =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/**
 * Failure injection. POST /sink/faults `{ status?: 400-599, delayMs?: 0-600000, count?: 1+ }`:
 * the next `count` (default 1) sends wait `delayMs`, then fail with `status` if given.
 * Faults queue up in order; DELETE /sink/faults drops them all.
 */
export function faultRoutes(faults: FaultQueue): Router {
  const router = express.Router();
  router.post('/sink/faults', express.json(), (req, res) => {
    const { status, delayMs, count = 1 } = (req.body ?? {}) as Record<string, unknown>;
    const problems = [
      status !== undefined && !isInt(status, 400, 599) && 'status must be an integer from 400 to 599',
      delayMs !== undefined && !isInt(delayMs, 0, 600_000) && 'delayMs must be an integer from 0 to 600000',
      !isInt(count, 1, 1_000_000) && 'count must be a positive integer',
      status === undefined && delayMs === undefined && 'give status, delayMs or both',
    ].filter((p): p is string => typeof p === 'string');
    if (problems.length > 0) {
      res.status(400).json({ errors: problems.map((message) => ({ message, field: null, help: null })) });
      return;
    }
    faults.push({
      status: status as number | undefined,
      delayMs: delayMs as number | undefined,
      remaining: count as number,
    });
    res.status(201).json({ pending: faults.pending() });
  });
  router.get('/sink/faults', (_req, res) => {
    res.json({ pending: faults.pending() });
  });
  router.delete('/sink/faults', (_req, res) => {
    faults.clear();
    res.status(204).end();
  });
  return router;
}
