// Who an organization may send as: one of its people (their email or an alias), or any address in
// a domain the operator assigned to it; never an address of the platform itself.
import { SenderDomain, senderDomainKey } from '@follow-ups/db';
import { userByAddress } from './userByAddress';

/** The platform's own addresses: its reply domain (reply and log addresses) and where notifications come from. */
export type PlatformAddresses = { replyDomain: string; notificationsFrom?: string };

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);
const within = (domain: string, parent: string) => domain === parent || domain.endsWith(`.${parent}`);
/** Local parts the platform sends from or receives at, on its notification domain. */
const RESERVED_LOCAL_PARTS = ['notifications', 'unsubscribe', 'postmaster', 'abuse'];

/** True for an address no organization may send as. */
export function isPlatformAddress(address: string, platform: PlatformAddresses): boolean {
  const a = address.trim().toLowerCase();
  const domain = domainOf(a);
  const notifications = (platform.notificationsFrom ?? `notifications@${platform.replyDomain}`).toLowerCase();
  if (within(domain, platform.replyDomain.toLowerCase()) || a === notifications) return true;
  return domain === domainOf(notifications) && RESERVED_LOCAL_PARTS.includes(a.slice(0, a.lastIndexOf('@')));
}

/**
 * Null when the organization may send as `address`, otherwise why not (naming the address).
 * One read by `_id` for a domain; users come from the per-organization cache (checked against
 * `usersVersion` when the caller read it, else against a read of it).
 */
export async function senderRefusal(
  organization: string,
  address: string,
  platform: PlatformAddresses,
  usersVersion?: number,
): Promise<string | null> {
  const a = address.trim().toLowerCase();
  if (isPlatformAddress(a, platform)) return `${a} is an address of the platform: no organization sends as it`;
  if (await userByAddress(organization, a, usersVersion)) return null;
  if (await SenderDomain.exists({ _id: senderDomainKey(organization, domainOf(a)) })) return null;
  return `${a} is not one of this organization's users or aliases, nor in a domain the operator assigned to it`;
}
