// @follow-ups/workflows, the side other packages load: ids, search attributes, signal/update/query
// definitions, static descriptions, inputs, outcomes and the activity interface. Nothing here
// imports `@temporalio/workflow` (lint keeps it so); the workflow code itself is bundled by the
// worker from `workflowsPath`.
export * from './types';
export * from './activities';
export * from './definitions';
export * from './hookDefinitions';
export * from './searchAttributes';
export { workflowTypes } from './workflowTypes';
export { staticDescription } from './descriptions';
/** The workflow functions, as types only: `getHandle<typeof followUpSequence>(…)`. */
export type { followUpSequence, scheduledSend, forwardReply, deliverEvents } from './workflows';
export type { ScheduledSendInput } from './scheduledSend';

/** The bundle entry of the workflow code (`Worker.create({ workflowsPath })`, `bundleWorkflowCode`). */
export const workflowsPath = require.resolve('./workflows');
