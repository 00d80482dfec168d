import { Organization } from '@follow-ups/db';
import { notFound } from './directoryError';

/** Missive's `organization` field or parameter: the token's own, or a 404 (another one is not for this token). */
export function assertOwnOrganization(organization: string, named: string | undefined): void {
  if (named && named.toLowerCase() !== organization.toLowerCase()) throw notFound(`organization ${named}`);
}

/** Creates an organization; with `ifMissing`, returns the one of the same name instead. */
export async function createOrganization(name: string, options: { ifMissing?: boolean } = {}) {
  const trimmed = name.trim();
  if (options.ifMissing) {
    const existing = await Organization.findOne({ name: trimmed }).sort({ _id: 1 }).lean();
    if (existing) return { organization: existing, created: false };
  }
  return { organization: (await Organization.create({ name: trimmed })).toObject(), created: true };
}

export const listOrganizations = () => Organization.find({}, { name: 1 }).sort({ name: 1, _id: 1 }).lean();

/** The organization by id; a DirectoryError when there is none. */
export async function getOrganization(id: string) {
  const organization = /^[0-9a-f]{24}$/i.test(id) ? await Organization.findById(id, { name: 1 }).lean() : null;
  if (!organization) throw notFound(`organization ${id}`);
  return organization;
}
