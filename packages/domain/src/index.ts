// @follow-ups/domain: pure domain logic shared by ingest, worker and workflows.
export * from './types';
export * from './addresses';
export * from './firstOf';
export * from './normalize';
export * from './text/index';
export * from './conditions';
export * from './rules';
export * from './schedule/index';
export * from './templates/render';
export * from './replies';
export * from './autoReplies/index';
export * from './signedAddresses';
export * from './workflowIds';
export * from './unsubscribe';
export * from './time';
export * from './controlCharacters';
