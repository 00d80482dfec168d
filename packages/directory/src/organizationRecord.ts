import type { Types } from 'mongoose';
import { Organization, settingsOf, type OrganizationSettings } from '@follow-ups/db';
import { sharedRead } from './sharedRead';

/**
 * What a request needs of its organization, read once by `_id` when its token is checked: the
 * settings, and the version counters every per-process cache compares (rules, users, tokens, suppressions, contacts).
 */
export type OrganizationRecord = {
  _id: Types.ObjectId;
  settings: OrganizationSettings;
  rulesVersion: number;
  usersVersion: number;
  tokensVersion: number;
  suppressionsVersion: number;
  /** Undefined once the request itself wrote a contact: its recipients' zones are then read live. */
  contactsVersion?: number;
};

const FIELDS = {
  settings: 1,
  rulesVersion: 1,
  usersVersion: 1,
  tokensVersion: 1,
  suppressionsVersion: 1,
  contactsVersion: 1,
} as const;

/**
 * The organization's record, or null when there is none. One read by `_id`, shared by the requests
 * of the organization that ask while it is issued (`sharedRead`): the record is frozen, not to be changed.
 */
export const readOrganizationRecord: (id: unknown) => Promise<OrganizationRecord | null> = sharedRead(readRecord);

async function readRecord(id: unknown): Promise<OrganizationRecord | null> {
  const org = await Organization.findById(id, FIELDS).lean();
  if (!org) return null;
  return Object.freeze({
    _id: org._id,
    settings: settingsOf(org),
    rulesVersion: org.rulesVersion ?? 0,
    usersVersion: org.usersVersion ?? 0,
    tokensVersion: org.tokensVersion ?? 0,
    suppressionsVersion: org.suppressionsVersion ?? 0,
    contactsVersion: org.contactsVersion ?? 0,
  });
}
