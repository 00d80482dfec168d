import { createHash, randomBytes } from 'node:crypto';
import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { derivedObjectId } from '../derivedId';
import { organizationRef } from '../schema-parts';

/** Raw tokens look like `fu_<43 chars of base64url>`; only their sha256 is stored. */
export const API_TOKEN_PREFIX = 'fu_';

export const apiTokenSchema = new Schema(
  {
    organization: organizationRef,
    label: { type: String, required: true, trim: true },
    tokenHash: { type: String, required: true, unique: true },
    lastUsedAt: { type: Date },
  },
  { timestamps: true },
);

/** A token's `_id` is derived from its hash, so each request finds it by `_id` (fast on FerretDB). */
const tokenObjectId = (tokenHash: string) => derivedObjectId('api-token', tokenHash);
apiTokenSchema.pre('validate', function () {
  if (this.isNew && this.tokenHash) this._id = tokenObjectId(this.tokenHash);
});

const apiTokenStatics = {
  /** sha256 hex of a raw token: the value looked up on each request. */
  hashToken(raw: string): string {
    return createHash('sha256').update(raw, 'utf8').digest('hex');
  },
  /** The token a raw value names, or null; tokens issued before ids were derived are found by hash. */
  async findByRawToken(raw: string): Promise<ApiTokenDoc | null> {
    const tokenHash = ApiToken.hashToken(raw);
    return (await ApiToken.findById(tokenObjectId(tokenHash)).lean<ApiTokenDoc>()) ?? ApiToken.findOne({ tokenHash }).lean<ApiTokenDoc>();
  },
  /** Creates a token for the organization and returns the raw value, which is not stored. */
  async issueToken(organizationId: Types.ObjectId | string, label: string): Promise<string> {
    const raw = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    await ApiToken.create({ organization: organizationId, label, tokenHash: ApiToken.hashToken(raw) });
    return raw;
  },
};
apiTokenSchema.static(apiTokenStatics);

const ApiTokenModel = model('ApiToken', apiTokenSchema);
export const ApiToken = ApiTokenModel as typeof ApiTokenModel & typeof apiTokenStatics;
export type ApiTokenDoc = InferSchemaType<typeof apiTokenSchema> & { _id: Types.ObjectId };
