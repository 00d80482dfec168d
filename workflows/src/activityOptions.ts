import type { ActivityOptions } from '@temporalio/workflow';

/** Activities that touch only our database and SendGrid: a minute each, retried with backoff without end. */
export const activityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
} as const satisfies ActivityOptions;
