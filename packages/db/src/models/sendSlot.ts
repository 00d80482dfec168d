import { Schema, model } from 'mongoose';

/**
 * A claimed send slot or day ticket of a sender (`_id` = `<org>|<sender>|<local day>|s<k>` or `…|t<n>`),
 * or a sender-day hint (`…|hint`). The unique `_id` is the lock: FerretDB 1.24 has no atomic
 * conditional update, an insert that meets an existing `_id` fails. `at` lets old days be cleaned up.
 */
export const sendSlotSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    draft: { type: String },
    ticket: { type: Number },
    slot: { type: Number },
  },
  { versionKey: false },
);

export const SendSlot = model('SendSlot', sendSlotSchema);
