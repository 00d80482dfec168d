import type { ApiTokenScope } from '@follow-ups/vocabulary';
import { ApiToken } from '@follow-ups/db';
import { notFound } from './directoryError';

/** A new token: its secret is returned here only (stored as a sha256). */
export async function issueToken(organization: string, label: string, scope: ApiTokenScope) {
  const { id, token } = await ApiToken.createToken(organization, label.trim(), scope);
  return { record: (await ApiToken.findById(id).lean())!, token };
}

export const listTokens = (organization: string) =>
  ApiToken.find({ organization }).sort({ createdAt: 1, _id: 1 }).lean();

/** Deletes the token: the next request with it is a 401. */
export async function revokeToken(organization: string, id: string) {
  const token = await ApiToken.findOne({ _id: id, organization }).lean();
  if (!token) throw notFound(`token ${id}`);
  await ApiToken.deleteOne({ _id: token._id, organization });
  return token;
}
