// POST /v1/rules/templates/automatic-follow-ups: Missive's "Automatic follow ups" rule in one call.
// Everything is validated and read first; the writes then run with a rollback log, since FerretDB
// has no transactions: a failure part-way deletes what this request created.
import { Types } from 'mongoose';
import type { AutomaticFollowUpsBody, ConditionGroup, RuleAction } from '@follow-ups/contract';
import { isDuplicateKeyError, Response, Rule, Team, User } from '@follow-ups/db';
import { AppError, conflict } from '../http/appError';
import { followUpPhrases } from './followUpPhrases';
import { assertTemplatesParse } from '../responses/assertTemplatesParse';
import { findOrPlanLabel, saveLabel } from './templateLabel';
import { responseTemplates } from '../responses/responses';
import { withRollback, type Rollback } from '../http/rollback';
import { refuseUnknownCalendar } from '../rules/sending';

/** The Missive-shaped conditions: From is, Team is (optional), contains trigger, then one "does not contain" per follow-up. */
export function templateConditions(
  senders: string[],
  team: string | undefined,
  trigger: string,
  phrases: string[],
): ConditionGroup {
  return {
    match: 'all',
    items: [
      { field: 'from', operator: 'is', values: senders },
      ...(team ? [{ field: 'team' as const, operator: 'is' as const, values: [team] }] : []),
      { field: 'body_without_quote', operator: 'contains', values: [trigger] },
      ...phrases.map((phrase) => ({ field: 'content' as const, operator: 'not_contains' as const, values: [phrase] })),
    ],
  };
}

/** Reads only: 404 for a team or label id the organization lacks, 409 for a rule with the same description. */
async function checkExisting(organization: string, input: AutomaticFollowUpsBody) {
  refuseUnknownCalendar(input.sending, 'body.sending');
  const [team, label, sameRule] = await Promise.all([
    input.team ? Team.exists({ _id: input.team, organization }) : Promise.resolve(true),
    findOrPlanLabel(organization, input.label),
    Rule.findOne({ organization, description: input.description.trim() }, { _id: 1 }).lean(),
  ]);
  if (!team)
    throw new AppError('not_found', `team ${input.team} not found`, [
      { path: 'body.team', message: `team ${input.team} not found` },
    ]);
  if (sameRule) {
    throw conflict(
      `a rule "${input.description.trim()}" already exists (${String(sameRule._id)}): give another \`description\` or change that rule`,
    );
  }
  return label;
}

/** Creates a User (email only) for each sender the organization does not know yet. */
async function ensureUsers(organization: string, emails: string[], rollback: Rollback) {
  const known = new Set(
    (await User.find({ organization, email: { $in: emails } }, { email: 1 }).lean()).map((u) => u.email),
  );
  for (const email of emails.filter((e) => !known.has(e))) {
    const _id = new Types.ObjectId();
    rollback.add(`user ${email}`, () => User.deleteOne({ _id, organization }));
    await User.create({ _id, organization, email }).catch((err: unknown) => {
      if (!isDuplicateKeyError(err)) throw err; // a duplicate was created meanwhile: the user exists
    });
  }
}

export async function createAutomaticFollowUps(organization: string, input: AutomaticFollowUpsBody) {
  await assertTemplatesParse(responseTemplates(input.followups, (i) => `body.followups.${i}`));
  const trigger = input.trigger_phrase.trim();
  const phrases = followUpPhrases(trigger, input.followups);
  const senders = [...new Set(input.senders.map((s) => s.trim().toLowerCase()))];
  const team = input.team?.toLowerCase();
  const plannedLabel = await checkExisting(organization, input);

  return withRollback(async (rollback) => {
    const label = await saveLabel(organization, plannedLabel, rollback);
    await ensureUsers(organization, senders, rollback);
    const docs = input.followups.map((f) => ({
      _id: new Types.ObjectId(),
      organization: new Types.ObjectId(organization),
      title: f.title,
      body: f.body,
      ...(f.subject !== undefined ? { subject: f.subject } : {}),
    }));
    rollback.add('canned responses', () => Response.deleteMany({ organization, _id: { $in: docs.map((d) => d._id) } }));
    const responses = await Response.insertMany(docs);
    const actions: RuleAction[] = [
      ...input.followups.map((f, i) => ({
        type: 'schedule_followup' as const,
        response: String(docs[i]!._id),
        send_after: f.send_after,
      })),
      { type: 'add_labels', labels: [String(label._id)] },
    ];
    const ruleId = new Types.ObjectId();
    rollback.add('rule', () => Rule.deleteOne({ _id: ruleId, organization }));
    const rule = await Rule.create({
      _id: ruleId,
      organization,
      description: input.description.trim(),
      enabled: true,
      type: 'outgoing',
      conditions: templateConditions(senders, team, trigger, phrases),
      actions,
      sending: input.sending,
    });
    return { rule, responses, label };
  });
}
