import { z } from 'zod';
import { c } from '../init';
import { contactBodySchema, updateContactBodySchema } from '../schemas/contacts';
import { erasureSchema, errorResponse } from '../schemas/common';

const pathParams = z.object({ address: z.string().trim().toLowerCase().email() });

export const contactsRouter = c.router({
  get: {
    method: 'GET',
    path: '/v1/contacts/:address',
    pathParams,
    summary: "A recipient's time zone",
    description: 'A contact nobody set a zone for answers `time_zone: null`.',
    responses: { 200: contactBodySchema },
  },
  update: {
    method: 'PUT',
    path: '/v1/contacts/:address',
    pathParams,
    summary: "Set a recipient's time zone",
    description:
      'Sending windows of follow-ups to this address are read in this IANA zone (also settable with `time_zone` in `to_fields`). Sequences already planned keep their times.',
    body: updateContactBodySchema,
    responses: { 200: contactBodySchema },
  },
  erase: {
    method: 'DELETE',
    path: '/v1/contacts/:address',
    pathParams,
    body: null,
    summary: 'Erase everything about a person (GDPR Art. 17)',
    description:
      'Admin tokens only. Stops the sequences of every conversation the address took part in and deletes those conversations (messages, drafts, attachments, inbound records, hook events and deliveries, their Temporal histories), the contact and its delivery events. The address stays suppressed, stored only as a keyed hash, so it is not mailed again. A second call answers 404.',
    responses: { 200: erasureSchema, 404: errorResponse('The organization holds nothing about this address') },
  },
});
