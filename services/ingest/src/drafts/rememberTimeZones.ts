import type { CreateDraft } from '@follow-ups/contract';
import { setContactTimeZone } from '@follow-ups/db';

/** Stores each `to_fields[].time_zone` on its contact (validated by the contract) and returns the draft without them. */
export async function rememberTimeZones(organization: string, draft: CreateDraft): Promise<CreateDraft> {
  for (const to of draft.to_fields) if (to.time_zone) await setContactTimeZone(organization, to.address, to.time_zone);
  return { ...draft, to_fields: draft.to_fields.map(({ time_zone: _zone, ...address }) => address) };
}
