import { initServer } from '@ts-rest/express';
import { contract } from '@follow-ups/contract';
import { Contact, contactId, setContactTimeZone } from '@follow-ups/db';
import type { AppDeps } from '../deps';
import { eraseContact } from '../erasure/erase';
import { organizationOf } from '../http/auth';

const s = initServer();

export function contactsRoutes(deps: AppDeps) {
  return s.router(contract.contacts, {
    get: async ({ req, params }) => {
      const contact = await Contact.findById(contactId(organizationOf(req), params.address), { timeZone: 1 }).lean();
      return { status: 200, body: { contacts: { address: params.address, time_zone: contact?.timeZone ?? null } } };
    },
    update: async ({ req, params, body }) => {
      await setContactTimeZone(organizationOf(req), params.address, body.contacts.time_zone);
      return { status: 200, body: { contacts: { address: params.address, time_zone: body.contacts.time_zone } } };
    },
    erase: async ({ req, params }) => ({
      status: 200,
      body: { erased: await eraseContact(deps, organizationOf(req), params.address) },
    }),
  });
}
