// The label of the automatic follow-ups template: an existing one by id, else found or created by name.
import { Types } from 'mongoose';
import type { TemplateLabel } from '@follow-ups/contract';
import { isDuplicateKeyError, SharedLabel } from '@follow-ups/db';
import { AppError } from '../http/appError';
import type { Rollback } from '../http/rollback';

type StoredLabel = { _id: Types.ObjectId; name: string; color?: string | null };
/** An existing label, or the one to create. */
export type PlannedLabel = { existing: StoredLabel } | { create: { name: string; color?: string } };

/** Reads only: the organization's label by id (404 if it has none) or by exact name. */
export async function findOrPlanLabel(organization: string, label: TemplateLabel): Promise<PlannedLabel> {
  if ('id' in label) {
    const existing = await SharedLabel.findOne({ _id: label.id, organization }).lean();
    if (!existing) {
      throw new AppError('not_found', `shared label ${label.id} not found`, [
        { path: 'body.label.id', message: `shared label ${label.id} not found` },
      ]);
    }
    return { existing };
  }
  const name = label.name.trim();
  const existing = await SharedLabel.findOne({ organization, name }).lean();
  return existing ? { existing } : { create: { name, ...(label.color ? { color: label.color } : {}) } };
}

/** Creates the planned label (recording its undo), or reuses one created meanwhile under the same name. */
export async function saveLabel(organization: string, planned: PlannedLabel, rollback: Rollback): Promise<StoredLabel> {
  if ('existing' in planned) return planned.existing;
  const _id = new Types.ObjectId();
  rollback.add('shared label', () => SharedLabel.deleteOne({ _id, organization }));
  try {
    return await SharedLabel.create({ _id, organization, ...planned.create });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const raced = await SharedLabel.findOne({ organization, name: planned.create.name }).lean();
    if (!raced) throw err;
    return raced;
  }
}
