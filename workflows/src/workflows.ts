export { followUpSequence } from './followUpSequence';
export { scheduledSend } from './scheduledSend';
export { forwardReply } from './forwardReply';
export { deliverEvents } from './deliverEvents';
