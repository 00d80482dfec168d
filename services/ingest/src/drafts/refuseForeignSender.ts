import { senderRefusal, type PlatformAddresses } from '@follow-ups/directory';
import { AppError } from '../http/appError';

/** 422 `sender_not_allowed` naming the address, unless the organization may send as it (`senderIdentity.ts`). */
export async function refuseForeignSender(
  organization: string,
  address: string,
  platform: PlatformAddresses,
  usersVersion?: number,
): Promise<void> {
  const refusal = await senderRefusal(organization, address, platform, usersVersion);
  if (refusal)
    throw new AppError('sender_not_allowed', refusal, [{ path: 'body.drafts.from_field.address', message: refusal }]);
}
