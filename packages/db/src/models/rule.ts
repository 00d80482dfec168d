import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { organizationRef } from '../schemaParts';
import {
  CONDITION_MATCHES,
  CONDITION_FIELDS as RULE_CONDITION_FIELDS,
  CONDITION_OPERATORS as RULE_CONDITION_OPERATORS,
  DURATION_UNITS as SEND_AFTER_UNITS,
  RULE_ACTION_TYPES,
} from '@follow-ups/vocabulary';
import { bumpVersionOnWrite } from './organizationVersions';

export { RULE_ACTION_TYPES, RULE_CONDITION_FIELDS, RULE_CONDITION_OPERATORS, SEND_AFTER_UNITS };

const conditionItemSchema = new Schema(
  {
    field: { type: String, enum: RULE_CONDITION_FIELDS, required: true },
    operator: { type: String, enum: RULE_CONDITION_OPERATORS, required: true },
    values: { type: [String], default: [] },
  },
  { _id: false },
);

const sendAfterSchema = new Schema(
  {
    amount: { type: Number, required: true, min: 0 },
    unit: { type: String, enum: SEND_AFTER_UNITS, required: true },
  },
  { _id: false },
);

/**
 * One schema for every action shape: `schedule_followup` uses `response` + `send_after`,
 * `add_labels` uses `labels`. The fields a type needs are required for that type only.
 */
const actionSchema = new Schema(
  {
    type: { type: String, enum: RULE_ACTION_TYPES, required: true },
    response: {
      type: Schema.Types.ObjectId,
      ref: 'Response',
      required(this: { type?: string }) {
        return this.type === 'schedule_followup';
      },
    },
    send_after: {
      type: sendAfterSchema,
      required(this: { type?: string }) {
        return this.type === 'schedule_followup';
      },
    },
    labels: {
      type: [{ type: Schema.Types.ObjectId, ref: 'SharedLabel' }],
      default: undefined,
      validate: {
        validator(this: { type?: string }, labels: unknown[] | undefined) {
          return this.type !== 'add_labels' || (Array.isArray(labels) && labels.length > 0);
        },
        message: 'add_labels needs at least one label',
      },
    },
  },
  { _id: false },
);

/** An outgoing-message rule (Missive "Automatic follow ups" template). */
export const ruleSchema = new Schema(
  {
    organization: organizationRef,
    description: { type: String, required: true, trim: true },
    enabled: { type: Boolean, default: true },
    type: { type: String, enum: ['outgoing'], required: true, default: 'outgoing' },
    conditions: {
      type: new Schema(
        {
          match: { type: String, enum: CONDITION_MATCHES, required: true, default: 'all' },
          items: { type: [conditionItemSchema], default: [] },
        },
        { _id: false },
      ),
      required: true,
      default: () => ({}),
    },
    actions: { type: [actionSchema], default: [] },
    /** Sending window, time-zone source, holidays, daily cap, out-of-office policy: the API's `sending` object, validated by the contract. */
    sending: { type: Schema.Types.Mixed, default: null },
  },
  { timestamps: true },
);

bumpVersionOnWrite(ruleSchema, 'rulesVersion');

export const Rule = model('Rule', ruleSchema);
export type RuleDoc = InferSchemaType<typeof ruleSchema> & { _id: Types.ObjectId };
