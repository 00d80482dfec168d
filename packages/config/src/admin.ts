import type { z } from 'zod';
import { baseEnvSchema } from './base';
import { memoise, parseEnv } from './parse';

/** The admin command (`npm run admin`) talks to the database only. */
export const adminEnvSchema = baseEnvSchema.pick({ MONGODB_URI: true, LOG_LEVEL: true });

export type AdminConfig = z.infer<typeof adminEnvSchema>;
export const loadAdminConfig = memoise(() => parseEnv(adminEnvSchema));
