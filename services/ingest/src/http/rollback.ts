import { log } from '../log';

// FerretDB has no multi-document transactions: a request that writes several documents records how
// to undo each write before making it, and undoes them all (newest first) if a later step fails.

export class Rollback {
  private readonly steps: { what: string; undo: () => Promise<unknown> }[] = [];

  /** Call before the write it undoes, so a write that half-succeeds is undone too. */
  add(what: string, undo: () => Promise<unknown>): void {
    this.steps.push({ what, undo });
  }

  /** Runs every undo step, newest first; a failing step is logged and the others still run. */
  async run(): Promise<void> {
    for (const step of [...this.steps].reverse()) {
      await step.undo().catch((err: unknown) => log.error({ err, step: step.what }, 'rollback step failed'));
    }
    this.steps.length = 0;
  }
}

/** Runs `write` with a rollback log; if it throws, undoes what it recorded and rethrows. */
export async function withRollback<T>(write: (rollback: Rollback) => Promise<T>): Promise<T> {
  const rollback = new Rollback();
  try {
    return await write(rollback);
  } catch (err) {
    await rollback.run();
    throw err;
  }
}
