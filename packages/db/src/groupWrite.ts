import { groupCommit } from './groupCommit';

type Filter = { _id: unknown } & Record<string, unknown>;
type Update = Record<string, unknown>;
type Statement = { updateOne: { filter: Filter; update: Update } } | { deleteOne: { filter: Filter } };
/** A mongoose model, as far as a bulk write goes (it casts the statements and adds the update's timestamps). */
type Target = { bulkWrite(ops: Statement[], options: { ordered: false }): Promise<{ matchedCount: number }> };

const updates = new WeakMap<Target, (s: Statement) => Promise<true | null>>();
const deletes = new WeakMap<Target, (s: Statement) => Promise<void>>();

/**
 * Updates one document by `_id` (the filter may add conditions) with the updates of concurrent callers
 * on the same collection: one `update` command of one statement each (a bulk write, `ordered: false`;
 * FerretDB reads `_id` directly where an `$in` scans), as `groupCommit` gathers them. Resolves once
 * written: `true` when every statement of that command matched (so this one did), `null` when some did
 * not, since the command's matched count does not say which: the caller then decides from a read.
 * A command that fails rejects all its callers. No query middleware runs: the caller does its part.
 */
export function groupUpdate(model: Target, filter: Filter, update: Update): Promise<true | null> {
  let write = updates.get(model);
  if (!write) {
    write = groupCommit(async (ops: Statement[]) => {
      const res = await model.bulkWrite(ops, { ordered: false });
      const all = res.matchedCount === ops.length;
      return ops.map(() => ({ ok: true as const, value: all ? (true as const) : null }));
    });
    updates.set(model, write);
  }
  return write({ updateOne: { filter, update } });
}

/** Deletes one document by `_id` with the deletes of concurrent callers: one `delete` command (as `groupUpdate`). */
export function groupDelete(model: Target, _id: unknown): Promise<void> {
  let write = deletes.get(model);
  if (!write) {
    write = groupCommit(async (ops: Statement[]) => {
      await model.bulkWrite(ops, { ordered: false });
      return ops.map(() => ({ ok: true as const, value: undefined }));
    });
    deletes.set(model, write);
  }
  return write({ deleteOne: { filter: { _id } } });
}
