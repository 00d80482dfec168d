import express from 'express';
import { initServer, createExpressEndpoints } from '@ts-rest/express';
import { contract } from '@follow-ups/contract';
import type { AppDeps } from './deps';
import { requireApiToken } from './http/auth';
import { requireScope } from './http/scopes';
import { DEFAULT_RATE_LIMITS, rateLimit } from './http/rateLimit';
import { errorHandler, validationError } from './http/errorHandler';
import { checkHealth } from './health/healthRouter';
import { draftsRoutes } from './drafts/draftsRouter';
import { conversationsRoutes } from './conversations/conversationsRouter';
import { sharedLabelsRoutes } from './labels/sharedLabelsRouter';
import { responsesRoutes } from './responses/responsesRouter';
import { rulesRoutes } from './rules/rulesRouter';
import { ruleTemplatesRoutes } from './ruleTemplates/ruleTemplatesRouter';
import { sequencesRoutes } from './sequences/sequencesRouter';
import { suppressionsRoutes } from './suppressions/suppressionsRouter';
import { contactsRoutes } from './contacts/contactsRouter';
import { sendgridEventsRouter } from './deliveryEvents/sendgridEvents';
import { unsubscribeRouter } from './unsubscribe/unsubscribeRouter';
import { settingsRoutes } from './settings/settingsRouter';
import { hooksRoutes } from './outboundHooks/hooksRouter';
import { sendgridInboundRouter } from './inboundMail/sendgridInbound';
import { docsRouter } from './docs/docsRouter';
import { organizationsRoutes } from './organizations/organizationsRouter';
import { teamsRoutes } from './teams/teamsRouter';
import { usersRoutes } from './users/usersRouter';
import { tokensRoutes } from './tokens/tokensRouter';
import { analyticsRoutes } from './analytics/analyticsRouter';
import { dryRunRoutes } from './dryRun/dryRunRouter';
import { reportsRouter } from './reports/reportsRouter';
import { temporalCodecRouter } from './temporalCodec/codecServer';

/** Builds the ingest HTTP app (no port): REST API, SendGrid inbound webhook, API docs. */
export function buildApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(docsRouter());
  app.use(sendgridInboundRouter(deps));
  app.use(sendgridEventsRouter(deps)); // raw body: the signature covers the exact bytes
  app.use(unsubscribeRouter(deps));
  app.use(reportsRouter(deps)); // HTML, signed in with a cookie (docs/analytics.md)
  if (deps.temporalCodecServer) app.use(temporalCodecRouter(deps.temporalCodecServer)); // its own bearer token
  // The API checks who asks before it reads anything: rate per client address, the token, rate per
  // token; only then is a body (up to 15 MB) read and parsed. An unknown token gets 401 unread.
  const limits = { ...DEFAULT_RATE_LIMITS, ...deps.rateLimits };
  app.use(
    '/v1',
    rateLimit(limits.address, (req) => req.socket.remoteAddress, 'address'),
  );
  app.use('/v1', requireApiToken);
  app.use(
    '/v1',
    rateLimit(limits.token, (_req, locals) => locals.tokenId as string | undefined, 'token'),
  );
  // Drafts and canned responses carry base64 files: up to 10 MB decoded (≈ 13.4 MB as base64).
  app.use(['/v1/drafts', '/v1/responses'], express.json({ limit: '15mb' }));
  app.use(express.json({ limit: '2mb' }));

  const s = initServer();
  const router = s.router(contract, {
    health: { check: () => checkHealth(deps) },
    drafts: draftsRoutes(deps),
    conversations: conversationsRoutes(deps),
    sharedLabels: sharedLabelsRoutes(),
    responses: responsesRoutes(),
    rules: rulesRoutes(),
    ruleTemplates: ruleTemplatesRoutes(),
    sequences: sequencesRoutes(deps),
    suppressions: suppressionsRoutes(deps),
    settings: settingsRoutes(deps),
    hooks: hooksRoutes(deps),
    organizations: organizationsRoutes(),
    teams: teamsRoutes(),
    users: usersRoutes(),
    tokens: tokensRoutes(),
    contacts: contactsRoutes(deps),
    analytics: analyticsRoutes(deps),
    dryRun: dryRunRoutes(deps),
  });
  createExpressEndpoints(contract, router, app, {
    globalMiddleware: [requireScope],
    requestValidationErrorHandler: (err, _req, _res, next) => next(validationError(err)),
  });
  app.use((_req, res) => res.status(404).json({ error: { code: 'not_found', message: 'no such route' } }));
  app.use(errorHandler);
  return app;
}
