// Missive draft fields this engine cannot honour: each is refused by name with its reason,
// never accepted and dropped (docs/api.md, "Drafts, as Missive has them").
import { z } from 'zod';

const EMAIL_ONLY = 'Follow-ups sends email only';

export const UNSUPPORTED_DRAFT_FIELDS = {
  account: `custom channel, live chat, Messenger, Instagram, SMS and WhatsApp accounts: ${EMAIL_ONLY}`,
  external_response_id: `WhatsApp message templates: ${EMAIL_ONLY}`,
  external_response_variables: `WhatsApp message templates: ${EMAIL_ONLY}`,
  add_users: 'there is no per-user access here: conversations belong to the organization',
  add_assignees: 'there are no assignments here',
  add_to_inbox: 'there are no inboxes here',
  add_to_team_inbox: 'there are no team inboxes here',
  conversation_color: 'conversations have no colour here',
} as const;

/** `phone_number` in from/to fields: Missive's SMS and WhatsApp drafts. */
export const PHONE_NUMBER_REASON = `SMS and WhatsApp (\`phone_number\`): ${EMAIL_ONLY}; give \`address\``;

const refused = (reason: string) => z.unknown().optional().describe(`Not supported (400): ${reason}`);

/** Schema entries that let the field through parsing, so that the refinement below names it. */
export const unsupportedDraftFieldSchemas = Object.fromEntries(
  Object.entries(UNSUPPORTED_DRAFT_FIELDS).map(([name, reason]) => [name, refused(reason)]),
) as Record<keyof typeof UNSUPPORTED_DRAFT_FIELDS, z.ZodOptional<z.ZodUnknown>>;

/** One issue per unsupported field that is present. */
export function refuseUnsupportedDraftFields(draft: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const [name, reason] of Object.entries(UNSUPPORTED_DRAFT_FIELDS)) {
    if (draft[name] !== undefined)
      ctx.addIssue({ code: 'custom', path: [name], message: `\`${name}\` is not supported: ${reason}` });
  }
}

/** Missive's address objects, with `phone_number` refused by name. */
export const phoneNumberRefused = refused(PHONE_NUMBER_REASON).refine(
  (value) => value === undefined,
  PHONE_NUMBER_REASON,
);
