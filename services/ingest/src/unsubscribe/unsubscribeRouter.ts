import express from 'express';
import { deliveryRouter } from '@follow-ups/contract';
import { parseUnsubscribeLinkToken } from '@follow-ups/domain';
import type { AppDeps } from '../deps';
import { suppress } from '../suppressions/suppress';
import { confirmPage, donePage, invalidPage } from './pages';

/**
 * The List-Unsubscribe link, `/u/<signed token>`, no login. GET shows a confirmation page (mail
 * scanners open links, so a GET changes nothing); POST is RFC 8058's one-click and unsubscribes.
 */
export function unsubscribeRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  const html = (res: express.Response, status: number, page: string) =>
    res.status(status).set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).send(page);

  router.get(deliveryRouter.unsubscribePage.path, (req, res) => {
    const who = parseUnsubscribeLinkToken(req.params.token, deps.replyTokenSecret);
    if (!who) return html(res, 404, invalidPage());
    html(res, 200, confirmPage(who.address, req.originalUrl.split('?')[0] ?? ''));
  });

  router.post(deliveryRouter.unsubscribeOneClick.path, (req, res, next) => {
    const who = parseUnsubscribeLinkToken(req.params.token, deps.replyTokenSecret);
    if (!who) return html(res, 404, invalidPage());
    suppress(deps, who.organizationId, who.address, 'unsubscribed', { source: 'unsubscribe_link', detail: 'one-click unsubscribe link' }).then(
      () => html(res, 200, donePage(who.address)),
      next,
    );
  });
  return router;
}
