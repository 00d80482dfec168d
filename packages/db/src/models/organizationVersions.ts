import type { Query, Schema } from 'mongoose';
import { Types } from 'mongoose';
import { Organization } from './organization';

const QUERY_WRITES = ['updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'replaceOne'] as const;

/** Bumps the organization's `rulesVersion` (every organization's when the write names none). */
async function bump(organization: unknown): Promise<void> {
  const id = organization instanceof Types.ObjectId || typeof organization === 'string' ? organization : undefined;
  await Organization.updateMany(id ? { _id: id } : {}, { $inc: { rulesVersion: 1 } });
}

/**
 * Every write to a rule bumps its organization's `rulesVersion`, after the write: a process caching
 * an organization's rules (automation `enabledOutgoingRules`) reads the version, one `_id` read it
 * already makes, and reloads the rules only when it moved.
 */
export function bumpRulesVersionOnWrite(schema: Schema): void {
  schema.post('save', async function () {
    await bump((this as { organization?: unknown }).organization);
  });
  schema.post('insertMany', async function (docs: { organization?: unknown }[]) {
    for (const organization of new Set(docs.map((d) => String(d.organization)))) await bump(organization);
  });
  for (const op of QUERY_WRITES) {
    schema.post(op, { document: false, query: true }, async function () {
      await bump((this as unknown as Query<unknown, unknown>).getFilter().organization);
    });
  }
}
