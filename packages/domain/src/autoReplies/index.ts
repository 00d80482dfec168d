export * from './classify';
export { returnDate } from './returnDate';
export type { Language } from './patterns';
