import { createHash, randomBytes } from 'node:crypto';

/** Public id of an event (also its `webhook-id`): a hash of what caused it, so re-emitting it is a no-op. */
export function hookEventId(organizationId: string, sourceId: string): string {
  return `evt_${createHash('sha256').update(`${organizationId}\n${sourceId}`).digest('hex').slice(0, 32)}`;
}

/** A Standard Webhooks signing secret: `whsec_` + 32 random bytes in base64. */
export function newHookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
