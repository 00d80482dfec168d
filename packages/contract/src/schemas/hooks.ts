// Webhook subscriptions for integrations (Missive-style `hooks`) and their delivery records.
import { z } from 'zod';
import { idSchema, unixTimeSchema } from './common';
import { HOOK_DELIVERY_STATUSES, HOOK_EVENT_TYPES } from '@follow-ups/vocabulary';

export { HOOK_EVENT_TYPES };
export const hookEventTypeSchema = z.enum(HOOK_EVENT_TYPES);
export type HookEventType = z.infer<typeof hookEventTypeSchema>;

/** Longest URL a hook may have. */
export const MAX_HOOK_URL_LENGTH = 2048;
/** Most ids one filter list may hold. */
export const MAX_HOOK_FILTER_IDS = 100;

/** Where events are POSTed. The server also requires https (unless it runs in hooks test mode). */
export const hookUrlSchema = z
  .string()
  .trim()
  .max(MAX_HOOK_URL_LENGTH)
  .url()
  .refine((v) => /^https?:\/\//i.test(v), 'expected an http(s) URL');

/** Narrows a hook to some events; a hook without filters gets every event of its type. */
export const hookFiltersSchema = z
  .object({
    conversations: z
      .array(idSchema)
      .min(1)
      .max(MAX_HOOK_FILTER_IDS)
      .optional()
      .describe('Only events of these conversations'),
    rules: z
      .array(idSchema)
      .min(1)
      .max(MAX_HOOK_FILTER_IDS)
      .optional()
      .describe('Only events of sequences these rules started'),
  })
  .strict();
export type HookFilters = z.infer<typeof hookFiltersSchema>;

export const createHookSchema = z
  .object({
    type: hookEventTypeSchema,
    url: hookUrlSchema,
    organization: idSchema
      .optional()
      .describe("The token's organization (Missive compatibility); another one is a 404"),
    filters: hookFiltersSchema.optional(),
  })
  .strict();
export type CreateHook = z.infer<typeof createHookSchema>;

export const createHookBodySchema = z.object({ hooks: createHookSchema });
export type CreateHookBody = z.infer<typeof createHookBodySchema>;

export const hookSchema = z.object({
  id: idSchema,
  type: hookEventTypeSchema,
  url: z.string(),
  organization: idSchema,
  filters: z.object({ conversations: z.array(idSchema).optional(), rules: z.array(idSchema).optional() }),
  created_at: unixTimeSchema,
});
export type Hook = z.infer<typeof hookSchema>;

/** The creation answer: the only time the signing secret is shown. */
export const createdHookSchema = hookSchema.extend({
  secret: z.string().describe('`whsec_<base64>`: the Standard Webhooks signing secret, shown only once'),
});

export const hookEnvelopeSchema = z.object({ hooks: hookSchema });
export const createdHookEnvelopeSchema = z.object({ hooks: createdHookSchema });
export const hooksListSchema = z.object({ hooks: z.array(hookSchema) });
export type HooksList = z.infer<typeof hooksListSchema>;

export const hookDeliveryStatusSchema = z.enum(HOOK_DELIVERY_STATUSES);
export type HookDeliveryStatus = z.infer<typeof hookDeliveryStatusSchema>;

export const hookDeliveryAttemptSchema = z.object({
  attempt: z.number().int().positive(),
  at: unixTimeSchema,
  status_code: z.number().int().nullable().describe('HTTP status of the answer; null when none came'),
  error: z
    .string()
    .nullable()
    .describe(
      'Why the attempt failed, as a class: `connection refused`, `TLS error`, `timeout`, `refused: private address`, `HTTP 500`, … (never an address)',
    ),
  duration_ms: z.number().int().nonnegative(),
});

/** One event for one hook: every attempt made, and how it ended. */
export const hookDeliverySchema = z.object({
  id: z.string(),
  hook: idSchema,
  event: z.object({
    id: z.string().describe('Also the `webhook-id` header'),
    type: hookEventTypeSchema,
    conversation: idSchema,
    created_at: unixTimeSchema,
  }),
  status: hookDeliveryStatusSchema.describe(
    '`pending` while attempts go on; `failed` once all attempts failed; `cancelled` when the hook was deleted',
  ),
  reason: z.string().nullable(),
  attempts: z.array(hookDeliveryAttemptSchema),
  delivered_at: unixTimeSchema.nullable(),
});
export type HookDelivery = z.infer<typeof hookDeliverySchema>;

export const listHookDeliveriesQuerySchema = z.object({
  status: hookDeliveryStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const hookDeliveriesListSchema = z.object({ deliveries: z.array(hookDeliverySchema) });
export type HookDeliveriesList = z.infer<typeof hookDeliveriesListSchema>;
