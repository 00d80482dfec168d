import type { CreateDraft } from '@follow-ups/contract';
import { setContactTimeZone } from '@follow-ups/db';
import type { ApiTokenScope } from '@follow-ups/vocabulary';
import { AppError } from '../http/appError';

/**
 * Stores each `to_fields[].time_zone` on its contact (validated by the contract) and returns the
 * draft without them. Contacts' time zones steer every sequence of the organization: only an admin
 * token sets them; a `send` token naming one gets 403 and nothing changes.
 */
export async function rememberTimeZones(
  organization: string,
  draft: CreateDraft,
  scope: ApiTokenScope,
): Promise<CreateDraft> {
  const zoned = draft.to_fields.filter((to) => to.time_zone);
  if (zoned.length && scope !== 'admin')
    throw new AppError(
      'forbidden',
      `setting a contact's time zone (to_fields[].time_zone) needs an admin token; this token's scope is "${scope}"`,
    );
  for (const to of zoned) await setContactTimeZone(organization, to.address, to.time_zone!);
  return { ...draft, to_fields: draft.to_fields.map(({ time_zone: _zone, ...address }) => address) };
}
