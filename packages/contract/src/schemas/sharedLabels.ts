import { z } from 'zod';
import { idSchema, nonBlankSchema } from './common';
import { BATCH_MAX } from './limits';

/** A CSS hex colour such as `#2f80ed`. */
export const colorSchema = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'expected a hex colour such as #2f80ed');

export const sharedLabelSchema = z.object({
  id: idSchema,
  name: z.string(),
  color: z.string().nullable(),
});
export type SharedLabel = z.infer<typeof sharedLabelSchema>;

/** A label as a conversation lists it. */
export const sharedLabelRefSchema = sharedLabelSchema.pick({ id: true, name: true });
export type SharedLabelRef = z.infer<typeof sharedLabelRefSchema>;

export const createSharedLabelSchema = z.object({
  name: nonBlankSchema.max(100),
  color: colorSchema.optional(),
});
export type CreateSharedLabel = z.infer<typeof createSharedLabelSchema>;

export const createSharedLabelsBodySchema = z.object({
  shared_labels: z.array(createSharedLabelSchema).min(1).max(BATCH_MAX),
});
export type CreateSharedLabelsBody = z.infer<typeof createSharedLabelsBodySchema>;

export const updateSharedLabelBodySchema = z.object({
  shared_labels: createSharedLabelSchema
    .partial()
    .strict()
    .refine((fields) => fields.name !== undefined || fields.color !== undefined, {
      message: 'give `name`, `color` or both',
    }),
});
export type UpdateSharedLabelBody = z.infer<typeof updateSharedLabelBodySchema>;

export const sharedLabelsListSchema = z.object({ shared_labels: z.array(sharedLabelSchema) });
export type SharedLabelsList = z.infer<typeof sharedLabelsListSchema>;
