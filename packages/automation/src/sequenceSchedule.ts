// The sending settings of a new sequence: the rule's (else the organization's), read in the recipient's zone.
import type { Sending } from '@follow-ups/contract';
import { Organization, settingsOf, type OrganizationSettings } from '@follow-ups/db';
import { userByAddress } from '@follow-ups/directory';
import { resolveTimeZone, type SendingPolicy, type Weekday } from '@follow-ups/domain';
import type { SequenceSchedule } from '@follow-ups/workflows';
import { storedSending } from './storedSending';
import { recipientTimeZone } from './recipientTimeZone';

/** null: the rule and its organization set no window, follow-ups go exactly at their delay. */
export async function sequenceSchedule(args: {
  organization: string;
  /** The organization's settings when the caller holds them; read otherwise. */
  settings?: OrganizationSettings;
  /** Its `usersVersion`, read with them: the sender's record then comes from the cache. */
  usersVersion?: number;
  /** Its `contactsVersion`, read with them: the recipient's zone then comes from the cache. */
  contactsVersion?: number;
  ruleSending: Sending | null;
  sender: string;
  recipient: string;
}): Promise<SequenceSchedule | null> {
  const org = args.settings ?? settingsOf(await Organization.findById(args.organization, { settings: 1 }).lean());
  const sending = args.ruleSending ?? storedSending(org.sending);
  if (!sending) return null;
  const [recipientZone, user] = await Promise.all([
    sending.time_zone_source === 'recipient'
      ? recipientTimeZone(args.organization, args.recipient, args.contactsVersion)
      : null,
    sending.time_zone_source !== 'organization'
      ? userByAddress(args.organization, args.sender, args.usersVersion)
      : null,
  ]);
  const policy: SendingPolicy = {
    window: { days: sending.window.days as Weekday[], start: sending.window.start, end: sending.window.end },
    timeZone: resolveTimeZone({ recipient: recipientZone, sender: user?.time_zone, organization: org.timeZone }),
    businessDays: sending.business_days,
    holidays: sending.holidays
      ? { country: sending.holidays.country, region: sending.holidays.region, dates: sending.holidays.dates }
      : null,
  };
  return {
    policy,
    caps: sending.daily_cap
      ? {
          perDay: sending.daily_cap.per_day,
          spacingSeconds: sending.daily_cap.spacing_seconds,
          perOrganizationPerDay: sending.daily_cap.per_organization_per_day,
        }
      : null,
    outOfOffice: { policy: sending.out_of_office.policy, pauseDays: sending.out_of_office.pause_days },
  };
}
