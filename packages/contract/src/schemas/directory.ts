// Organizations, teams, users and API tokens: Missive-shaped reads, writes for admin tokens and the admin command.
import { z } from 'zod';
import { API_TOKEN_SCOPES } from '@follow-ups/vocabulary';
import { emailAddressSchema, headerTextSchema, idSchema, nonBlankSchema, unixTimeSchema } from './common';
import { DISPLAY_NAME_MAX, LIST_MAX } from './limits';

/** Characters in a signature (HTML). */
export const SIGNATURE_MAX = 10_000;
/** Items in one page of `GET /v1/teams` or `GET /v1/users` (Missive's limit). */
export const DIRECTORY_PAGE_MAX = 200;

/** A name of the IANA time zone database that this runtime knows, e.g. `Europe/Paris`. */
export const timeZoneSchema = z
  .string()
  .max(100)
  .refine((zone) => {
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone.length > 0;
    } catch {
      return false;
    }
  }, 'expected an IANA time zone such as Europe/Paris or America/New_York');

export const organizationSchema = z.object({ id: idSchema, name: z.string() });
export type ApiOrganization = z.infer<typeof organizationSchema>;
export const organizationsListSchema = z.object({ organizations: z.array(organizationSchema) });

export const pageQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(DIRECTORY_PAGE_MAX).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    organization: idSchema
      .optional()
      .describe("The token's organization (Missive compatibility); another one is a 404"),
  })
  .strict();

const teamNameSchema = headerTextSchema(DISPLAY_NAME_MAX).pipe(nonBlankSchema);

export const teamSchema = z.object({ id: idSchema, name: z.string(), organization: idSchema });
export type ApiTeam = z.infer<typeof teamSchema>;
export const createTeamSchema = z
  .object({
    name: teamNameSchema,
    organization: idSchema
      .optional()
      .describe("The token's organization (Missive compatibility); another one is a 404"),
  })
  .strict();
export type CreateTeam = z.infer<typeof createTeamSchema>;
export const updateTeamSchema = z.object({ name: teamNameSchema }).strict();
export type UpdateTeam = z.infer<typeof updateTeamSchema>;
export const teamEnvelopeSchema = z.object({ teams: teamSchema });
export const teamsListSchema = z.object({ teams: z.array(teamSchema) });
export const createTeamBodySchema = z.object({ teams: createTeamSchema });
export const updateTeamBodySchema = z.object({ teams: updateTeamSchema });

const personNameSchema = headerTextSchema(DISPLAY_NAME_MAX);

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string().nullable(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  addresses: z.array(z.string()).describe('Other addresses the user sends from'),
  signature: z.string().nullable().describe('HTML; follow-ups render it as `{{ user.signature }}`'),
  time_zone: z.string().nullable(),
  team: idSchema
    .nullable()
    .describe("The user's primary team: the team of conversations their own mailbox mail starts"),
  organization: idSchema,
});
export type ApiUser = z.infer<typeof userSchema>;

const userFields = {
  name: personNameSchema.optional(),
  first_name: personNameSchema.optional().describe('Defaults to the first word of `name`'),
  last_name: personNameSchema.optional(),
  addresses: z.array(emailAddressSchema).max(LIST_MAX).optional(),
  signature: z.string().max(SIGNATURE_MAX).optional().describe('HTML, output as is at the end of HTML follow-ups'),
  time_zone: timeZoneSchema.optional(),
  team: idSchema
    .optional()
    .describe("The user's primary team (one of the organization's): mail they send from their own mailbox gets it"),
};
export const createUserSchema = z
  .object({
    email: emailAddressSchema,
    ...userFields,
    organization: idSchema.optional().describe("The token's organization; another one is a 404"),
  })
  .strict();
export type CreateUser = z.infer<typeof createUserSchema>;
/** `null` clears a field. */
export const updateUserSchema = z
  .object({
    email: emailAddressSchema.optional(),
    name: userFields.name.nullable(),
    first_name: userFields.first_name.nullable(),
    last_name: userFields.last_name.nullable(),
    addresses: userFields.addresses,
    signature: userFields.signature.nullable(),
    time_zone: userFields.time_zone.nullable(),
    team: userFields.team.nullable(),
  })
  .strict();
export type UpdateUser = z.infer<typeof updateUserSchema>;
export const userEnvelopeSchema = z.object({ users: userSchema });
export const usersListSchema = z.object({ users: z.array(userSchema) });
export const createUserBodySchema = z.object({ users: createUserSchema });
export const updateUserBodySchema = z.object({ users: updateUserSchema });

export const tokenScopeSchema = z
  .enum(API_TOKEN_SCOPES)
  .describe('`admin`: every route; `send`: reads, drafts and sequence controls');
export const tokenSchema = z.object({
  id: idSchema,
  label: z.string(),
  scope: tokenScopeSchema,
  created_at: unixTimeSchema,
  last_used_at: unixTimeSchema.nullable().describe('Kept to the minute'),
});
export type ApiTokenInfo = z.infer<typeof tokenSchema>;
export const createTokenSchema = z
  .object({ label: headerTextSchema(DISPLAY_NAME_MAX).pipe(nonBlankSchema), scope: tokenScopeSchema.default('send') })
  .strict();
export type CreateToken = z.infer<typeof createTokenSchema>;
export const tokensListSchema = z.object({ tokens: z.array(tokenSchema) });
export const tokenEnvelopeSchema = z.object({ tokens: tokenSchema });
export const createdTokenEnvelopeSchema = z.object({
  tokens: tokenSchema.extend({ token: z.string().describe('The secret, shown only here') }),
});
export const createTokenBodySchema = z.object({ tokens: createTokenSchema });
