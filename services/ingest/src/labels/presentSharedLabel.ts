import type { SharedLabel as ApiSharedLabel } from '@follow-ups/contract';
import type { SharedLabelDoc } from '@follow-ups/db';

export function presentSharedLabel(label: Pick<SharedLabelDoc, '_id' | 'name' | 'color'>): ApiSharedLabel {
  return { id: String(label._id), name: label.name, color: label.color ?? null };
}
