import type { CreateDraft } from '@follow-ups/contract';
import { suppressedAmong } from '@follow-ups/directory';
import { AppError } from '../http/appError';

const FIELDS = ['to_fields', 'cc_fields', 'bcc_fields'] as const;

/**
 * 422 `recipient_suppressed` naming each suppressed recipient and its reason; sends nothing, writes nothing.
 * `version`: the organization's `suppressionsVersion` when the caller read it (the cache answers).
 */
export async function refuseSuppressed(organization: string, draft: CreateDraft, version?: number): Promise<void> {
  const recipients = FIELDS.flatMap((field) =>
    (draft[field] ?? []).map((a, i) => ({ path: `body.drafts.${field}.${i}.address`, address: a.address })),
  );
  const suppressed = await suppressedAmong(
    organization,
    recipients.map((r) => r.address),
    version,
  );
  if (!suppressed.length) return;
  const reasonOf = new Map(suppressed.map((s) => [s.address, s.reason]));
  const issues = recipients
    .filter((r) => reasonOf.has(r.address.toLowerCase()))
    .map((r) => ({ path: r.path, message: `${r.address} is suppressed (${reasonOf.get(r.address.toLowerCase())})` }));
  throw new AppError(
    'recipient_suppressed',
    `not sent: ${suppressed.map((s) => `${s.address} is on the suppression list (${s.reason})`).join('; ')}`,
    issues,
  );
}
