import { IANAZone } from 'luxon';

/** True for an IANA zone name the runtime knows ("Europe/Berlin", "America/New_York", "UTC"). */
export function isValidTimeZone(name: string): boolean {
  return typeof name === 'string' && name.length <= 64 && IANAZone.isValidZone(name);
}

export type TimeZoneSources = { recipient?: string | null; sender?: string | null; organization?: string | null };

/** The zone a window is read in: the recipient's when known, else the sender's, else the organization's, else UTC. */
export function resolveTimeZone(sources: TimeZoneSources): string {
  for (const zone of [sources.recipient, sources.sender, sources.organization]) {
    if (zone && isValidTimeZone(zone)) return zone;
  }
  return 'UTC';
}
