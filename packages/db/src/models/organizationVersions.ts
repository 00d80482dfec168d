import type { Query, Schema } from 'mongoose';
import { Types } from 'mongoose';
import { Organization } from './organization';

const QUERY_WRITES = [
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndDelete',
  'findOneAndReplace',
  'replaceOne',
] as const;

/** The counters on an organization that its caches compare (rules, users, responses, hooks, tokens, suppressions, contacts). */
export type OrganizationVersion =
  | 'rulesVersion'
  | 'usersVersion'
  | 'responsesVersion'
  | 'hooksVersion'
  | 'tokensVersion'
  | 'suppressionsVersion'
  | 'contactsVersion';

/** Bumps the organization's counter (every organization's when the write names none). */
async function bump(field: OrganizationVersion, organization: unknown): Promise<void> {
  const id = organization instanceof Types.ObjectId || typeof organization === 'string' ? organization : undefined;
  await Organization.updateMany(id ? { _id: id } : {}, { $inc: { [field]: 1 } });
}

/**
 * Every write through the schema bumps its organization's `field`, after the write: a process caching
 * the organization's rules (automation `enabledOutgoingRules`), users (directory `userByAddress`) or
 * API tokens (directory `authenticateToken`) reads the counter, one `_id` read it mostly makes anyway, and reloads only when it moved.
 */
export function bumpVersionOnWrite(schema: Schema, field: OrganizationVersion): void {
  schema.post('save', async function () {
    await bump(field, (this as { organization?: unknown }).organization);
  });
  schema.post('insertMany', async function (docs: { organization?: unknown }[]) {
    for (const organization of new Set(docs.map((d) => String(d.organization)))) await bump(field, organization);
  });
  for (const op of QUERY_WRITES) {
    schema.post(op, { document: false, query: true }, async function () {
      await bump(field, (this as unknown as Query<unknown, unknown>).getFilter().organization);
    });
  }
}
