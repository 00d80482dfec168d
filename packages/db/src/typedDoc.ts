import mongoose, { type Model, type Schema } from 'mongoose';

type Plain = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any>;
type PathType = { schema?: Schema; doValidateSync(value: unknown, scope: unknown): Error | null };

const valueAt = (obj: Plain, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v == null ? undefined : (v as Plain)[key]), obj);

/**
 * The schema's synchronous validators (required, enum, min/max, match) on a plain object, into
 * subdocuments and their arrays, as a document's `validateSync` runs them; without hydrating one.
 */
function validationErrors(schema: Schema, obj: Plain, prefix: string, errors: [string, Error][]): void {
  schema.eachPath((path, type) => {
    const value = valueAt(obj, path);
    const { schema: inner } = type as unknown as PathType;
    if (!inner || value == null) {
      const error = (type as unknown as PathType).doValidateSync(value, obj);
      if (error) errors.push([prefix + path, error]);
      return;
    }
    const list = Array.isArray(value) ? value : [value];
    list.forEach((item, i) =>
      validationErrors(inner, item as Plain, `${prefix}${path}${Array.isArray(value) ? `.${i}` : ''}.`, errors),
    );
  });
}

/**
 * A document as a plain object, typed as mongoose would insert it (cast, defaults, `__v`, timestamps at
 * `now`) and validated (throws a `ValidationError` naming the failing paths), without hydrating a
 * document: for an insert with `lean` (`groupInsert`). Setters (`trim`) are not applied: the caller
 * passes trimmed values.
 */
export function typedDoc<T>(model: AnyModel, fields: object, now: Date): T {
  const typed = model.castObject(model.applyDefaults({ ...fields, createdAt: now, updatedAt: now, __v: 0 })) as Plain;
  const errors: [string, Error][] = [];
  validationErrors(model.schema, typed, '', errors);
  if (errors.length) {
    const invalid = new mongoose.Error.ValidationError();
    for (const [path, error] of errors) invalid.addError(path, error as mongoose.Error.ValidatorError);
    throw invalid;
  }
  return typed as T;
}
