// Canned responses kept in the worker while their organization's `responsesVersion` stays put: a
// follow-up reads its organization anyway, and then its response costs no read.
import { Response, type ResponseDoc } from '@follow-ups/db';

const MAX_ENTRIES = 5_000;
const cache = new Map<string, { version: number; response: ResponseDoc }>();

/**
 * The organization's canned response `id`, or null when it is gone. `version`: the organization's
 * `responsesVersion`, read before this call (every response write bumps it after writing), so an
 * entry is never older than the version it is kept under.
 */
export async function cannedResponse(organization: unknown, id: unknown, version: number): Promise<ResponseDoc | null> {
  const key = `${String(organization)}:${String(id)}`;
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.response;
  const response = await Response.findOne({ _id: id, organization }).lean<ResponseDoc>();
  if (cache.size >= MAX_ENTRIES) cache.clear();
  if (response) cache.set(key, { version, response });
  else cache.delete(key);
  return response;
}
