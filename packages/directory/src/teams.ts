import type { CreateTeam, UpdateTeam } from '@follow-ups/contract';
import { Team } from '@follow-ups/db';
import { notFound } from './directoryError';
import { assertOwnOrganization } from './organizations';

/** A page of a list; `organization`, when given, must be the caller's. */
export type Page = { limit: number; offset: number; organization?: string };

export async function listTeams(organization: string, page: Page) {
  assertOwnOrganization(organization, page.organization);
  return Team.find({ organization }).sort({ name: 1, _id: 1 }).skip(page.offset).limit(page.limit).lean();
}

/** Creates a team; with `ifMissing`, returns the organization's team of the same name instead. */
export async function createTeam(organization: string, input: CreateTeam, options: { ifMissing?: boolean } = {}) {
  assertOwnOrganization(organization, input.organization);
  const name = input.name.trim();
  if (options.ifMissing) {
    const existing = await Team.findOne({ organization, name }).sort({ _id: 1 }).lean();
    if (existing) return { team: existing, created: false };
  }
  return { team: (await Team.create({ organization, name })).toObject(), created: true };
}

export async function updateTeam(organization: string, id: string, change: UpdateTeam) {
  const team = await Team.findOneAndUpdate(
    { _id: id, organization },
    { $set: { name: change.name.trim() } },
    { new: true },
  ).lean();
  if (!team) throw notFound(`team ${id}`);
  return team;
}
