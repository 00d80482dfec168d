import mongoose from 'mongoose';
import { writeErrorsOf, type WriteFailure } from './errors';
import { groupCommit, type Settled } from './groupCommit';

type Insert = (docs: object[]) => Promise<void>;
/** A mongoose model, as far as inserting goes. */
type Target = { insertMany(docs: object[], options: { ordered: false; lean: true }): Promise<unknown> };

const inserts = new WeakMap<Target, Insert>();

/**
 * Inserts the caller's documents, already typed (cast, defaults, timestamps: nothing is cast, validated
 * or hydrated here), together with those of concurrent callers into the same collection: one
 * `insertMany({ ordered: false, lean: true })` (the model's insertMany middleware runs, once for the
 * whole write). Resolves once written. Rejects only the callers whose own documents failed, with an
 * error shaped as a bulk insert of their documents alone (`writeErrors` indexed in their list, `code`
 * of the first), so `onlyDuplicateKeys` and `insertedDespite` read it as before; the others' went in.
 * An error of the whole write (unreachable, a middleware's failure) rejects every caller of it.
 */
export function groupInsert(model: Target, docs: object[]): Promise<void> {
  let insert = inserts.get(model);
  if (!insert) {
    insert = groupCommit((lists: object[][]) => insertLists(model, lists));
    inserts.set(model, insert);
  }
  return insert(docs);
}

async function insertLists(model: Target, lists: object[][]): Promise<Settled<void>[]> {
  try {
    await model.insertMany(lists.flat(), { ordered: false, lean: true });
    return lists.map(() => ({ ok: true, value: undefined }));
  } catch (error) {
    const writeErrors = writeErrorsOf(error);
    if (!writeErrors.length) throw error;
    return outcomesOf(lists, writeErrors);
  }
}

/** Each list's own write errors, indexed in it: none is a success. */
function outcomesOf(lists: object[][], writeErrors: WriteFailure[]): Settled<void>[] {
  let start = 0;
  return lists.map((list) => {
    const end = start + list.length;
    const own = writeErrors
      .filter((e) => e.index >= start && e.index < end)
      .map((e) => ({ ...e, index: e.index - start }));
    start = end;
    if (!own.length) return { ok: true, value: undefined };
    const first = own[0]!;
    const error = new mongoose.mongo.MongoServerError({
      message: first.errmsg ?? `insert failed (code ${String(first.code)})`,
      code: first.code as number,
      writeErrors: own,
    });
    return { ok: false, error };
  });
}
