export { followUpSequence } from './followUpSequence';
export { scheduledSend } from './scheduledSend';
