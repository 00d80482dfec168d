import { initServer } from '@ts-rest/express';
import { contract } from '@follow-ups/contract';
import type { AppDeps } from '../deps';
import { organizationOf, organizationRecordOf, tokenScopeOf } from '../http/auth';
import { once } from '../http/idempotency';
import { sendNow } from './sendNow';
import { scheduleSend } from './scheduleSend';
import { discardDraft } from './discardDraft';
import { deleteSavedDraft, listSavedDrafts, saveDraft, sendSavedDraft } from './savedDrafts';
import { rememberTimeZones } from './rememberTimeZones';

const s = initServer();

export function draftsRoutes(deps: AppDeps) {
  return s.router(contract.drafts, {
    create: async ({ req, body, headers }) => {
      const organization = organizationOf(req);
      const draft = await once(organization, headers['idempotency-key'], body, async () => {
        const drafts = await rememberTimeZones(organization, body.drafts, tokenScopeOf(req));
        const org = await organizationRecordOf(req);
        // Zones this request just stored are newer than the contactsVersion read with its token: read live.
        const zoned = body.drafts.to_fields.some((to) => to.time_zone);
        return drafts.send
          ? sendNow(deps, zoned ? { ...org, contactsVersion: undefined } : org, drafts)
          : drafts.send_at !== undefined
            ? scheduleSend(deps, organization, drafts)
            : saveDraft(deps, organization, drafts);
      });
      return { status: 201, body: { drafts: draft } };
    },
    list: async ({ req }) => ({ status: 200, body: { drafts: await listSavedDrafts(organizationOf(req)) } }),
    send: async ({ req, params }) => ({
      status: 201,
      body: { drafts: await sendSavedDraft(deps, await organizationRecordOf(req), params.id) },
    }),
    discard: async ({ req, params }) => {
      const organization = organizationOf(req);
      const deleted = await deleteSavedDraft(organization, params.id);
      return { status: 200, body: { drafts: deleted ?? (await discardDraft(deps, organization, params.id)) } };
    },
  });
}
