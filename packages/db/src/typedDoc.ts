import type { Model } from 'mongoose';

/**
 * A document as a plain object, typed as mongoose would insert it (cast, defaults, `__v`, timestamps at
 * `now`) and validated (throws the schema's `ValidationError`), without hydrating a document: for an
 * insert with `lean` (`groupInsert`). Setters (`trim`) are not applied: the caller passes trimmed values.
 */
export async function typedDoc<T>(model: Model<never>, fields: object, now: Date): Promise<T> {
  const typed = model.castObject(model.applyDefaults({ ...fields, createdAt: now, updatedAt: now, __v: 0 }));
  await model.validate(typed);
  return typed as T;
}
