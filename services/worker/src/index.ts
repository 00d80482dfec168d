// @follow-ups/worker: the Temporal worker and the activities it registers (main.ts runs it).
export { buildWorker, type BuildWorkerOptions } from './buildWorker';
export { createActivities, type ActivityDeps } from './activities';
export { leanWorkflowBundle } from './workflowBundle';
