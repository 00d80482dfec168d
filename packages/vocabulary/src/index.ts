// @follow-ups/vocabulary: each closed list defined once, as an `as const` array that feeds the
// zod enums (contract), the mongoose enums (db) and the TypeScript types (domain, workflows).
export * from './drafts';
export * from './rules';
export * from './sequences';
export * from './hooks';
export * from './messages';
export * from './suppressions';
export * from './tokens';
export * from './sending';
