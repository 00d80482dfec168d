import { createHmac } from 'node:crypto';
import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { isDuplicateKeyError } from '../errors';
import { organizationKey } from '../schemaParts';
import { bumpVersionOnWrite } from './organizationVersions';
import {
  SUPPRESSION_REASONS,
  SUPPRESSION_SOURCES,
  type SuppressionReason,
  type SuppressionSource,
} from '@follow-ups/vocabulary';

type Id = Types.ObjectId | string;

export { SUPPRESSION_REASONS, SUPPRESSION_SOURCES, type SuppressionReason, type SuppressionSource };

/** `<organization>:<lowercased address>`: checked before every send, so it is read by `_id` (fast on FerretDB). */
export const suppressionKey = (organization: Id, address: string) =>
  `${String(organization)}:${address.trim().toLowerCase()}`;

let hashKey: string | undefined;
/**
 * The server secret of hashed suppressions (SUPPRESSION_HASH_SECRET, else derived from
 * REPLY_TOKEN_SECRET): set once at start by ingest and the worker. Never rotate it: a hashed entry
 * made under another key no longer matches.
 */
export function setSuppressionHashKey(key: string): void {
  if (!key) throw new Error('the suppression hash key must not be empty');
  hashKey = key;
}

const HASHED = 'hmac-sha256:';
/** `hmac-sha256:<hex>` of the normalised address under the server key: what an erased address leaves. */
export function hashedAddress(address: string): string {
  if (!hashKey) throw new Error('setSuppressionHashKey was not called: hashed suppressions cannot be read or written');
  return HASHED + createHmac('sha256', hashKey).update(`suppression\n${address.trim().toLowerCase()}`).digest('hex');
}
const hashedKey = (organization: Id, address: string) => `${String(organization)}:${hashedAddress(address)}`;

/** An address of an organization that nothing may be sent to any more, and why. */
export const suppressionSchema = new Schema(
  {
    _id: { type: String, required: true },
    organization: organizationKey,
    address: { type: String, required: true, lowercase: true, trim: true },
    reason: { type: String, enum: SUPPRESSION_REASONS, required: true },
    source: { type: String, enum: SUPPRESSION_SOURCES, required: true },
    /** What the provider or the person said, e.g. the bounce's SMTP answer. */
    detail: { type: String },
    at: { type: Date, required: true },
    /** The address of an erased person, kept only as `hmac-sha256:<hex>` (GDPR erasure): never listed. */
    hashed: { type: Boolean },
  },
  { timestamps: true },
);
suppressionSchema.index({ organization: 1, address: 1 });

export type SuppressionDoc = InferSchemaType<typeof suppressionSchema> & { _id: string };

/** Each address (lower-cased, once) with the `_id`s its suppression may have: in clear, and hashed. */
export function suppressionKeysOf(organization: Id, addresses: string[]): { address: string; keys: string[] }[] {
  const unique = [...new Set(addresses.map((a) => a.trim().toLowerCase()))];
  return unique.map((a) => ({
    address: a,
    keys: [suppressionKey(organization, a), ...(hashKey ? [hashedKey(organization, a)] : [])],
  }));
}

/** The suppressed ones among `pairs`, each answering with the address asked, from entries found by `_id`. */
export function suppressedOf(
  pairs: { address: string; keys: string[] }[],
  entryOf: (key: string) => SuppressionDoc | undefined,
): SuppressionDoc[] {
  return pairs.flatMap(({ address, keys }) => {
    const entry = keys.map(entryOf).find(Boolean);
    return entry ? [{ ...entry, address }] : [];
  });
}

const suppressionStatics = {
  /** Adds the address; true if this call added it, false if it was already suppressed (the first reason stays). */
  async suppress(entry: {
    organization: Id;
    address: string;
    reason: SuppressionReason;
    source: SuppressionSource;
    detail?: string;
    at?: Date;
  }): Promise<boolean> {
    const address = entry.address.trim().toLowerCase();
    try {
      await Suppression.create({
        ...entry,
        _id: suppressionKey(entry.organization, address),
        address,
        at: entry.at ?? new Date(),
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  },
  /** The suppressed ones among `addresses` (any case), in the order given; a hashed entry answers with the address asked. */
  async findSuppressed(organization: Id, addresses: string[]): Promise<SuppressionDoc[]> {
    const pairs = suppressionKeysOf(organization, addresses);
    if (!pairs.length) return [];
    const found = await Suppression.find({ _id: { $in: pairs.flatMap((p) => p.keys) } }).lean<SuppressionDoc[]>();
    const byId = new Map(found.map((s) => [s._id, s]));
    return suppressedOf(pairs, (key) => byId.get(key));
  },
  /** Lifts the suppression of `address`, in clear or hashed; the removed entry, or null. */
  async lift(organization: Id, address: string): Promise<SuppressionDoc | null> {
    for (const key of [suppressionKey(organization, address), ...(hashKey ? [hashedKey(organization, address)] : [])]) {
      const entry = await Suppression.findById(key).lean<SuppressionDoc>();
      if (entry && (await Suppression.deleteOne({ _id: key, organization })).deletedCount)
        return { ...entry, address: address.trim().toLowerCase() };
    }
    return null;
  },
};
suppressionSchema.static(suppressionStatics);
// Ingest caches an organization's suppressions (directory `suppressedAmong`): every write names the organization.
bumpVersionOnWrite(suppressionSchema, 'suppressionsVersion');

const SuppressionModel = model('Suppression', suppressionSchema);
export const Suppression = SuppressionModel as typeof SuppressionModel & typeof suppressionStatics;

/** Shorthand for `Suppression.findSuppressed`. */
export const findSuppressed = (organization: Id, addresses: string[]) =>
  Suppression.findSuppressed(organization, addresses);

/**
 * For the worker, just before a scheduled send or a follow-up: the reason (`bounced`, …) when one
 * of the recipients is suppressed, else null. The draft is then discarded with that reason.
 */
export async function suppressionBlocks(
  organization: Id,
  recipients: (string | { address: string })[],
): Promise<string | null> {
  const [first] = await findSuppressed(
    organization,
    recipients.map((r) => (typeof r === 'string' ? r : r.address)),
  );
  return first ? first.reason : null;
}

/**
 * Erasure: the address's suppression is kept as a keyed hash only (its reason and date stay, the
 * detail goes); an address never suppressed gets one (`manual`), so an erased person is not mailed
 * again. True once the hashed entry exists.
 */
export async function hashSuppression(organization: Id, address: string): Promise<boolean> {
  const clearKey = suppressionKey(organization, address);
  const clear = await Suppression.findById(clearKey).lean<SuppressionDoc>();
  const hashed = hashedAddress(address);
  try {
    await Suppression.create({
      _id: hashedKey(organization, address),
      organization,
      address: hashed,
      reason: clear?.reason ?? 'manual',
      source: clear?.source ?? 'api',
      at: clear?.at ?? new Date(),
      hashed: true,
    });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  await Suppression.deleteOne({ _id: clearKey, organization });
  return true;
}
