import type { Types } from 'mongoose';
import { userByAddress } from '@follow-ups/directory';

/** Every address of the user who sent from `address` (their email and aliases), for "From is"; [] for no user. */
export async function senderAliases(
  organization: Types.ObjectId | string,
  address: string,
  usersVersion?: number,
): Promise<string[]> {
  const user = await userByAddress(organization, address, usersVersion);
  return user ? [user.email, ...(user.addresses ?? [])] : [];
}
