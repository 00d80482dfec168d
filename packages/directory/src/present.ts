// The API shapes of directory records (also what `npm run admin -- … --json` prints).
import type { ApiOrganization, ApiTeam, ApiTokenInfo, ApiUser } from '@follow-ups/contract';
import { scopeOf, type ApiTokenDoc, type OrganizationDoc, type TeamDoc, type UserDoc } from '@follow-ups/db';

const seconds = (date: Date | null | undefined) => (date ? Math.floor(date.getTime() / 1000) : null);

export const presentOrganization = (org: Pick<OrganizationDoc, '_id' | 'name'>): ApiOrganization => ({
  id: String(org._id),
  name: org.name,
});

export const presentTeam = (team: Pick<TeamDoc, '_id' | 'name' | 'organization'>): ApiTeam => ({
  id: String(team._id),
  name: team.name,
  organization: String(team.organization),
});

export const presentUser = (user: UserDoc): ApiUser => ({
  id: String(user._id),
  email: user.email,
  name: user.name ?? null,
  first_name: user.first_name ?? null,
  last_name: user.last_name ?? null,
  addresses: user.addresses ?? [],
  signature: user.signature ?? null,
  time_zone: user.time_zone ?? null,
  team: user.team ? String(user.team) : null,
  organization: String(user.organization),
});

export const presentToken = (token: ApiTokenDoc & { createdAt?: Date }): ApiTokenInfo => ({
  id: String(token._id),
  label: token.label,
  scope: scopeOf(token),
  created_at: seconds(token.createdAt) ?? 0,
  last_used_at: seconds(token.lastUsedAt),
});
