import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { isDuplicateKeyError } from '../errors';
import { organizationKey } from '../schemaParts';
import { SUPPRESSION_REASONS, SUPPRESSION_SOURCES, type SuppressionReason, type SuppressionSource } from '@follow-ups/vocabulary';

type Id = Types.ObjectId | string;

export { SUPPRESSION_REASONS, SUPPRESSION_SOURCES, type SuppressionReason, type SuppressionSource };

/** `<organization>:<lowercased address>`: checked before every send, so it is read by `_id` (fast on FerretDB). */
export const suppressionKey = (organization: Id, address: string) => `${String(organization)}:${address.trim().toLowerCase()}`;

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
  },
  { timestamps: true },
);
suppressionSchema.index({ organization: 1, address: 1 });

export type SuppressionDoc = InferSchemaType<typeof suppressionSchema> & { _id: string };

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
      await Suppression.create({ ...entry, _id: suppressionKey(entry.organization, address), address, at: entry.at ?? new Date() });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  },
  /** The suppressed ones among `addresses` (any case), in the order given. */
  async findSuppressed(organization: Id, addresses: string[]): Promise<SuppressionDoc[]> {
    const keys = [...new Set(addresses.map((a) => suppressionKey(organization, a)))];
    if (!keys.length) return [];
    const found = await Suppression.find({ _id: { $in: keys } }).lean<SuppressionDoc[]>();
    return keys.flatMap((key) => found.filter((s) => s._id === key));
  },
};
suppressionSchema.static(suppressionStatics);

const SuppressionModel = model('Suppression', suppressionSchema);
export const Suppression = SuppressionModel as typeof SuppressionModel & typeof suppressionStatics;

/** Shorthand for `Suppression.findSuppressed`. */
export const findSuppressed = (organization: Id, addresses: string[]) => Suppression.findSuppressed(organization, addresses);

/**
 * For the worker, just before a scheduled send or a follow-up: the reason (`bounced`, …) when one
 * of the recipients is suppressed, else null. The draft is then discarded with that reason.
 */
export async function suppressionBlocks(organization: Id, recipients: (string | { address: string })[]): Promise<string | null> {
  const [first] = await findSuppressed(
    organization,
    recipients.map((r) => (typeof r === 'string' ? r : r.address)),
  );
  return first ? first.reason : null;
}
