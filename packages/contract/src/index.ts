// @follow-ups/contract: the ts-rest contract and its zod schemas, shared by server, tests and clients.
export { c } from './init';
export { contract, type Contract } from './contract';
export { webhooksRouter } from './routes/webhooks';
export { deliveryRouter } from './routes/delivery';
export * from './schemas';
export * from './paths';
export * from './openapi';
