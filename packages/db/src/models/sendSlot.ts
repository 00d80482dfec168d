import { Schema, model } from 'mongoose';

/**
 * A claimed send slot or day ticket of a sender (`_id` = `<org>|<sender>|<local day>|s<k>` or `…|t<n>`),
 * an organization day ticket (`<org>|<local day>|o<n>`), a hint (`…|<local day>|hint`), or the
 * record of one reservation (`<org>|draft|<draft>|<due time>`, with the `ids` it claimed). The
 * unique `_id` is the lock: FerretDB 1.24 has no atomic conditional update, an insert that meets
 * an existing `_id` fails. `sweepSendSlots` removes the documents of days that are over.
 */
export const sendSlotSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** A claim or hint: UTC midnight of its local day (before the sweep existed: when claimed); a reservation record: its send time. */
    at: { type: Date, required: true },
    draft: { type: String },
    ticket: { type: Number },
    slot: { type: Number },
    /** A reservation record: the tickets and the slot it claimed, given back when its draft is not sent then. */
    ids: { type: [String], default: undefined },
  },
  { versionKey: false },
);

export const SendSlot = model('SendSlot', sendSlotSchema);
