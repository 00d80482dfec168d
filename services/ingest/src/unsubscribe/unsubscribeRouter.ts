import express from 'express';
import { deliveryRouter } from '@follow-ups/contract';
import { parseUnsubscribeLinkToken } from '@follow-ups/domain';
import { replySecrets, type AppDeps } from '../deps';
import { suppress } from '../suppressions/suppress';
import { confirmPage, donePage, formAction, invalidPage, pageHeaders } from './pages';

/**
 * The List-Unsubscribe link, `/u/<signed token>`, no login. GET shows a confirmation page (mail
 * scanners open links, so a GET changes nothing); POST is RFC 8058's one-click and unsubscribes.
 */
export function unsubscribeRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  const html = (res: express.Response, status: number, page: string) =>
    res.status(status).set(pageHeaders(deps.publicBaseUrl)).send(page);

  router.get(deliveryRouter.unsubscribePage.path, (req, res) => {
    const who = parseUnsubscribeLinkToken(req.params.token, replySecrets(deps));
    if (!who) return html(res, 404, invalidPage());
    const path = deliveryRouter.unsubscribeOneClick.path.replace(':token', encodeURIComponent(req.params.token));
    html(res, 200, confirmPage(who.address, formAction(deps.publicBaseUrl, path)));
  });

  router.post(deliveryRouter.unsubscribeOneClick.path, (req, res, next) => {
    const who = parseUnsubscribeLinkToken(req.params.token, replySecrets(deps));
    if (!who) return html(res, 404, invalidPage());
    suppress(deps, who.organizationId, who.address, 'unsubscribed', {
      source: 'unsubscribe_link',
      detail: 'one-click unsubscribe link',
    }).then(() => html(res, 200, donePage(who.address)), next);
  });
  return router;
}
