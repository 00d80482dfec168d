import { c } from '../init';
import { settingsBodySchema, updateSettingsBodySchema } from '../schemas/settings';

export const settingsRouter = c.router({
  get: {
    method: 'GET',
    path: '/v1/settings',
    summary: "The organization's settings",
    description: 'Where replies are forwarded, the copy to the sender, and the log address.',
    responses: { 200: settingsBodySchema },
  },
  update: {
    method: 'PATCH',
    path: '/v1/settings',
    summary: "Change the organization's settings",
    description: '`reply_destination: "address"` needs a `reply_address` (given now or set before).',
    body: updateSettingsBodySchema,
    responses: { 200: settingsBodySchema },
  },
});
