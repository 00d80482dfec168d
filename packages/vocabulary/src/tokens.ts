/** API token scopes: `admin` may use every route, `send` reads, sends and steers sequences (services/ingest/src/http/scopes.ts). */
export const API_TOKEN_SCOPES = ['admin', 'send'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];
