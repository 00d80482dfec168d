import express from 'express';
import { ApiToken, recentReplies } from '@follow-ups/db';
import { currentTime } from '@follow-ups/domain';
import type { AppDeps } from '../deps';
import { allRulesAnalytics } from '../analytics/ruleAnalytics';
import { analyticsRange } from '../analytics/range';
import { loginPage, REPORT_CSP } from './html';
import { reportPage } from './reportPage';
import { cookieOptions, readCookie, SESSION_COOKIE, sessionOrganization, sessionValue } from './session';

const secureHeaders: express.RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy': REPORT_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  next();
};

/** GET /reports (server-rendered, signed in once with an API token), GET/POST /reports/login. */
export function reportsRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  router.use('/reports', secureHeaders);
  router.get('/reports/login', (_req, res) => res.type('html').send(loginPage()));
  router.post('/reports/login', express.urlencoded({ extended: false, limit: '4kb' }), (req, res, next) => {
    const raw = typeof req.body?.token === 'string' ? req.body.token.trim() : '';
    ApiToken.findByRawToken(raw)
      .then((token) => {
        if (!raw || !token) return res.status(401).type('html').send(loginPage('Unknown API token.'));
        res.cookie(
          SESSION_COOKIE,
          sessionValue(deps.replyTokenSecret, String(token._id), currentTime(deps)),
          cookieOptions(req.secure),
        );
        res.redirect(303, '/reports');
      })
      .catch(next);
  });
  router.get('/reports', (req, res, next) => {
    const now = currentTime(deps);
    sessionOrganization(deps.replyTokenSecret, readCookie(req.headers.cookie, SESSION_COOKIE), now)
      .then(async (organization) => {
        if (!organization) {
          if (req.accepts(['html', 'json']) === 'html') return res.redirect(303, '/reports/login');
          return res.status(401).json({ error: { code: 'unauthorized', message: 'sign in at /reports/login' } });
        }
        const analytics = await allRulesAnalytics(deps.temporal, organization, analyticsRange({}, now));
        const rules = await Promise.all(
          analytics.map(async (a) => ({ analytics: a, replies: await recentReplies(organization, a.rule) })),
        );
        res.type('html').send(reportPage(rules));
      })
      .catch(next);
  });
  return router;
}
