import { c } from '../init';
import { healthSchema } from '../schemas/health';

export const healthRouter = c.router({
  check: {
    method: 'GET',
    path: '/healthz',
    summary: 'Health check',
    description: 'Pings Temporal and MongoDB. No authentication. 503 when a dependency is down; `down` names it.',
    responses: {
      200: healthSchema.describe('Every dependency is up'),
      503: healthSchema.describe('A dependency is down'),
    },
  },
});
