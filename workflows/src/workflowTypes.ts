import type * as workflows from './workflows';

/** Workflow type names as the worker registers them (the bundle's exported functions; checked). */
export const workflowTypes: { [K in keyof typeof workflows]: K } = {
  followUpSequence: 'followUpSequence',
  scheduledSend: 'scheduledSend',
  forwardReply: 'forwardReply',
  deliverEvents: 'deliverEvents',
};
