import { Schema, model } from 'mongoose';

/**
 * One writer's shard of a rule's counters for one week (`_id` = `<organization>|<rule>|<week>|<shard>`,
 * counterShard.ts): `c.all.<group>.<field>` for every sender and `c.by.<sender>.<group>.<field>` per
 * sender, where a group is `seq` (sequences) or a step number (0 = the trigger). Written only with
 * `$inc`, by its writer alone; read by the fields, a week's shards summed (readCounters.ts).
 */
const analyticsCounterSchema = new Schema(
  {
    _id: { type: String, required: true },
    organization: { type: Schema.Types.ObjectId, required: true },
    rule: { type: String, required: true },
    week: { type: Date, required: true },
    c: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, minimize: false },
);
analyticsCounterSchema.index({ organization: 1, rule: 1, week: 1 });
export const AnalyticsCounter = model('AnalyticsCounter', analyticsCounterSchema);

/**
 * An event already counted (`_id` = its id): a retried activity or a repeated webhook counts nothing twice.
 * A reply's mark (`reply:<organization>:<trigger>`) alone also carries what the report page lists of it
 * (recent.ts): its organization, rule, conversation, step, sender and subject, `at` being the reply's
 * time, and the hour, day and week it is filed under for the read; the other marks stay `{_id, at}`.
 * Erasure deletes a reply mark with its conversation (erase.ts).
 */
const analyticsMarkSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    organization: String,
    rule: String,
    conversation: String,
    step: Number,
    from: String,
    subject: String,
    recentHour: String,
    recentDay: String,
    recentWeek: String,
  },
  { versionKey: false },
);
// A rule's newest replies, by period (recent.ts): equalities FerretDB on PostgreSQL serves per field (deploy/local/postgresIndexes.ts).
for (const period of ['recentHour', 'recentDay', 'recentWeek']) analyticsMarkSchema.index({ [period]: 1 });
export const AnalyticsMark = model('AnalyticsMark', analyticsMarkSchema);

/**
 * What a conversation's current sequence needs for counting (`_id` = `<organization>|<conversation>`):
 * its rule and sender, its trigger, and the last step sent (0 = the trigger) with when, so that a
 * reply, bounce or end is counted on the right rule, sender and step without reading history.
 */
const analyticsSequenceSchema = new Schema(
  {
    _id: { type: String, required: true },
    rule: { type: String, required: true },
    sender: { type: String, required: true },
    trigger: { type: String, required: true },
    step: { type: Number, required: true },
    sentAt: { type: Date, required: true },
  },
  { versionKey: false },
);
export const AnalyticsSequence = model('AnalyticsSequence', analyticsSequenceSchema);

/**
 * The last replies of a rule (`_id` = `<organization>|<rule>`), newest first, at most 10, as
 * deployments before the reply marks kept them: no longer written, still read (merged with the
 * marks, recent.ts) and erased. `v` counted the rewrites.
 */
const analyticsRecentSchema = new Schema(
  {
    _id: { type: String, required: true },
    replies: {
      type: [
        new Schema({ conversation: String, step: Number, at: Date, from: String, subject: String }, { _id: false }),
      ],
      default: [],
    },
    v: { type: Number },
  },
  { versionKey: false },
);
export const AnalyticsRecent = model('AnalyticsRecent', analyticsRecentSchema);
