import { c } from './init';
import { analyticsRouter } from './routes/analytics';
import { dryRunRouter } from './routes/dryRun';
import { contactsRouter } from './routes/contacts';
import { conversationsRouter } from './routes/conversations';
import { draftsRouter } from './routes/drafts';
import { healthRouter } from './routes/health';
import { hooksRouter } from './routes/hooks';
import { responsesRouter } from './routes/responses';
import { ruleTemplatesRouter } from './routes/ruleTemplates';
import { rulesRouter } from './routes/rules';
import { sequencesRouter } from './routes/sequences';
import { settingsRouter } from './routes/settings';
import { sharedLabelsRouter } from './routes/sharedLabels';
import { suppressionsRouter } from './routes/suppressions';
import { organizationsRouter } from './routes/organizations';
import { teamsRouter } from './routes/teams';
import { usersRouter } from './routes/users';
import { tokensRouter } from './routes/tokens';
import { errorResponse } from './schemas/common';

/**
 * The Follow-ups REST API. Every route declares every status it answers with
 * (`strictStatusCodes`); 400, 401 and 500 carry the common error body on all of them.
 * Routes under /v1 need `authorization: Bearer <token>`; /healthz does not.
 */
export const contract = c.router(
  {
    health: healthRouter,
    drafts: draftsRouter,
    conversations: conversationsRouter,
    sharedLabels: sharedLabelsRouter,
    responses: responsesRouter,
    rules: rulesRouter,
    ruleTemplates: ruleTemplatesRouter,
    sequences: sequencesRouter,
    suppressions: suppressionsRouter,
    settings: settingsRouter,
    hooks: hooksRouter,
    organizations: organizationsRouter,
    teams: teamsRouter,
    users: usersRouter,
    tokens: tokensRouter,
    contacts: contactsRouter,
    analytics: analyticsRouter,
    dryRun: dryRunRouter,
  },
  {
    strictStatusCodes: true,
    commonResponses: {
      400: errorResponse('Invalid request (`validation_error`); `issues` lists each field'),
      401: errorResponse('Missing, unknown or revoked bearer token (`unauthorized`)'),
      403: errorResponse("The token's scope does not cover this route (`forbidden`): a `send` token on an admin route"),
      429: errorResponse(
        'Too many requests from this token or client address (`rate_limited`); `Retry-After` gives the seconds to wait',
      ),
      500: errorResponse('Unexpected server error'),
    },
  },
);

export type Contract = typeof contract;
