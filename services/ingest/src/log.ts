import { createLogger } from '@follow-ups/logger';

export const log = createLogger('ingest');
