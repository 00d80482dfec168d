import mongoose, { type Model, type Schema } from 'mongoose';

type Plain = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any>;
type PathType = { schema?: Schema; doValidateSync(value: unknown, scope: unknown): Error | null };
type CheckedPath = { path: string; pieces: string[]; type: PathType };

const valueAt = (obj: Plain, pieces: string[]): unknown =>
  pieces.reduce<unknown>((v, key) => (v == null ? undefined : (v as Plain)[key]), obj);

const checkedPaths = new WeakMap<Schema, CheckedPath[]>();
/** A schema's paths, listed once per schema rather than walked for every document. */
function checkedPathsOf(schema: Schema): CheckedPath[] {
  let list = checkedPaths.get(schema);
  if (!list) {
    list = [];
    schema.eachPath((path, type) => list!.push({ path, pieces: path.split('.'), type: type as unknown as PathType }));
    checkedPaths.set(schema, list);
  }
  return list;
}

/**
 * The schema's synchronous validators (required, enum, min/max, match) on a plain object, into
 * subdocuments and their arrays, as a document's `validateSync` runs them; without hydrating one.
 */
function validationErrors(schema: Schema, obj: Plain, prefix: string, errors: [string, Error][]): void {
  for (const { path, pieces, type } of checkedPathsOf(schema)) {
    const value = valueAt(obj, pieces);
    const { schema: inner } = type;
    if (!inner || value == null) {
      const error = type.doValidateSync(value, obj);
      if (error) errors.push([prefix + path, error]);
      continue;
    }
    const list = Array.isArray(value) ? value : [value];
    list.forEach((item, i) =>
      validationErrors(inner, item as Plain, `${prefix}${path}${Array.isArray(value) ? `.${i}` : ''}.`, errors),
    );
  }
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
