// Shared labels: names are unique per organization (exact name after trimming, as the index has it).
import { Types } from 'mongoose';
import type { CreateSharedLabel } from '@follow-ups/contract';
import { isDuplicateKeyError, SharedLabel } from '@follow-ups/db';
import { conflict, invalid, notFound } from '../http/appError';
import { withRollback } from '../http/rollback';

const clash = (name: string) => conflict(`a shared label named "${name}" already exists`);

/**
 * Creates every label or none: a name repeated in the request is a 400, a name the organization
 * already has a 409 (checked first, and again by the unique index for concurrent requests).
 * Returns the labels in request order.
 */
export async function createSharedLabels(organization: string, labels: CreateSharedLabel[]) {
  const wanted = labels.map((l) => ({ name: l.name.trim(), ...(l.color ? { color: l.color } : {}) }));
  const issues = wanted.flatMap((l, i) =>
    wanted.findIndex((other) => other.name === l.name) < i
      ? [{ path: `body.shared_labels.${i}.name`, message: `"${l.name}" appears more than once in the request` }]
      : [],
  );
  if (issues.length) throw invalid('label names must be unique', issues);

  const existing = await SharedLabel.findOne(
    { organization, name: { $in: wanted.map((l) => l.name) } },
    { name: 1 },
  ).lean();
  if (existing) throw clash(existing.name);

  const docs = wanted.map((l) => ({ _id: new Types.ObjectId(), organization: new Types.ObjectId(organization), ...l }));
  return withRollback(async (rollback) => {
    rollback.add('shared labels', () => SharedLabel.deleteMany({ organization, _id: { $in: docs.map((d) => d._id) } }));
    try {
      return await SharedLabel.insertMany(docs);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw clash(duplicateName(err) ?? 'one of these names');
      throw err;
    }
  });
}

/** PATCH: renames (409 if another label has the name) or recolours one label of the organization. */
export async function updateSharedLabel(organization: string, id: string, fields: { name?: string; color?: string }) {
  const label = await SharedLabel.findOne({ _id: id, organization });
  if (!label) throw notFound(`shared label ${id}`);
  const name = fields.name?.trim();
  if (name !== undefined && name !== label.name) {
    if (await SharedLabel.exists({ organization, name, _id: { $ne: label._id } })) throw clash(name);
    label.name = name;
  }
  if (fields.color !== undefined) label.color = fields.color;
  try {
    await label.save();
  } catch (err) {
    if (isDuplicateKeyError(err)) throw clash(name ?? label.name);
    throw err;
  }
  return label;
}

/** The label name a duplicate key error is about, when the driver says. */
function duplicateName(err: unknown): string | undefined {
  const keyValue = (err as { keyValue?: { name?: unknown } }).keyValue;
  return typeof keyValue?.name === 'string' ? keyValue.name : undefined;
}
