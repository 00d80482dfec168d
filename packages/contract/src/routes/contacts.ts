import { z } from 'zod';
import { c } from '../init';
import { contactBodySchema, updateContactBodySchema } from '../schemas/contacts';

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
});
