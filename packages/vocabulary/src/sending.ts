/** What a sequence does when an out-of-office reply comes in: pause until the person is back (default), ignore it, or stop. */
export const OUT_OF_OFFICE_POLICIES = ['pause_until_return', 'ignore', 'stop'] as const;
export type OutOfOfficePolicyName = (typeof OUT_OF_OFFICE_POLICIES)[number];

/** Whose time zone a sending window is read in (each falls back to the next: recipient → sender → organization). */
export const TIME_ZONE_SOURCES = ['recipient', 'sender', 'organization'] as const;
export type TimeZoneSource = (typeof TIME_ZONE_SOURCES)[number];
