import { createHash, randomBytes } from 'node:crypto';
import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { API_TOKEN_SCOPES, type ApiTokenScope } from '@follow-ups/vocabulary';
import { derivedObjectId } from '../derivedId';
import { organizationRef } from '../schemaParts';
import { bumpVersionOnWrite } from './organizationVersions';

/** Raw tokens look like `fu_<43 chars of base64url>`; only their sha256 is stored. */
export const API_TOKEN_PREFIX = 'fu_';

/** Tokens issued before scopes existed were full-access operator tokens: they stay `admin`. */
export const scopeOf = (token: { scope?: string | null }): ApiTokenScope => (token.scope === 'send' ? 'send' : 'admin');

export const apiTokenSchema = new Schema(
  {
    organization: organizationRef,
    label: { type: String, required: true, trim: true },
    tokenHash: { type: String, required: true, unique: true },
    scope: { type: String, enum: API_TOKEN_SCOPES, default: 'admin' },
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
    return (
      (await ApiToken.findById(tokenObjectId(tokenHash)).lean<ApiTokenDoc>()) ??
      ApiToken.findOne({ tokenHash }).lean<ApiTokenDoc>()
    );
  },
  /** Creates a token for the organization and returns the raw value, which is not stored. */
  async issueToken(
    organizationId: Types.ObjectId | string,
    label: string,
    scope: ApiTokenScope = 'admin',
  ): Promise<string> {
    return (await ApiToken.createToken(organizationId, label, scope)).token;
  },
  /** Like `issueToken`, with the stored record's id (for listing and revoking). */
  async createToken(
    organizationId: Types.ObjectId | string,
    label: string,
    scope: ApiTokenScope,
  ): Promise<{ id: Types.ObjectId; token: string }> {
    const raw = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const doc = await ApiToken.create({
      organization: organizationId,
      label,
      scope,
      tokenHash: ApiToken.hashToken(raw),
    });
    return { id: doc._id, token: raw };
  },
};
apiTokenSchema.static(apiTokenStatics);
// Ingest caches tokens per process; a revoke (or any write naming the organization) is seen by the next request.
bumpVersionOnWrite(apiTokenSchema, 'tokensVersion');

const ApiTokenModel = model('ApiToken', apiTokenSchema);
export const ApiToken = ApiTokenModel as typeof ApiTokenModel & typeof apiTokenStatics;
export type ApiTokenDoc = InferSchemaType<typeof apiTokenSchema> & { _id: Types.ObjectId };
