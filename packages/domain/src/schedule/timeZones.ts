import { IANAZone } from 'luxon';

/** Zone names already checked: luxon's check builds an Intl.DateTimeFormat each time (tens of µs). */
const checked = new Map<string, boolean>();
const MAX_CHECKED = 1_000;

/** True for an IANA zone name the runtime knows ("Europe/Berlin", "America/New_York", "UTC"). */
export function isValidTimeZone(name: string): boolean {
  if (typeof name !== 'string' || name.length > 64) return false;
  let valid = checked.get(name);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(name);
    if (checked.size >= MAX_CHECKED) checked.clear();
    checked.set(name, valid);
  }
  return valid;
}

export type TimeZoneSources = { recipient?: string | null; sender?: string | null; organization?: string | null };

/** The zone a window is read in: the recipient's when known, else the sender's, else the organization's, else UTC. */
export function resolveTimeZone(sources: TimeZoneSources): string {
  for (const zone of [sources.recipient, sources.sender, sources.organization]) {
    if (zone && isValidTimeZone(zone)) return zone;
  }
  return 'UTC';
}
