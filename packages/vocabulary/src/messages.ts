export const MESSAGE_DIRECTIONS = ['outgoing', 'inbound'] as const;
/** Where a message came from: sent through the API, sent by the engine, received, or sent from a person's own mailbox. */
export const MESSAGE_ORIGINS = ['api', 'automation', 'inbound', 'mailbox'] as const;
export type MessageOrigin = (typeof MESSAGE_ORIGINS)[number];
/** The outcome of forwarding a received mail to one destination. */
export const FORWARD_STATUSES = ['sent', 'failed'] as const;
