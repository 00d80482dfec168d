export { followUpSequence } from './followUpSequence';
export { scheduledSend } from './scheduledSend';
export { deliverEvents } from './deliverEvents';
