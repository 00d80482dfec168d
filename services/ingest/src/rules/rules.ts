// Outgoing rules: every id a rule names is checked against the organization before a write.
import type { CreateRule, UpdateRule } from '@follow-ups/contract';
import { Rule } from '@follow-ups/db';
import { notFound } from '../http/appError';
import { assertRuleReferencesExist, normalizeTeamConditions } from './references';
import { refuseUnknownCalendar } from './sending';

export async function createRule(organization: string, fields: CreateRule) {
  const conditions = normalizeTeamConditions(fields.conditions, 'body.rules.conditions');
  refuseUnknownCalendar(fields.sending, 'body.rules.sending');
  await assertRuleReferencesExist(organization, { conditions, actions: fields.actions });
  return Rule.create({ ...fields, conditions, organization });
}

/** Replaces the given fields (`conditions` and `actions` as a whole). 404 if not the organization's. */
export async function updateRule(organization: string, id: string, fields: UpdateRule) {
  const conditions = fields.conditions && normalizeTeamConditions(fields.conditions, 'body.rules.conditions');
  refuseUnknownCalendar(fields.sending, 'body.rules.sending');
  const rule = await Rule.findOne({ _id: id, organization });
  if (!rule) throw notFound(`rule ${id}`);
  await assertRuleReferencesExist(organization, { conditions, actions: fields.actions });
  rule.set({ ...fields, ...(conditions ? { conditions } : {}) });
  await rule.save();
  return rule;
}

export async function findRule(organization: string, id: string) {
  const rule = await Rule.findOne({ _id: id, organization }).lean();
  if (!rule) throw notFound(`rule ${id}`);
  return rule;
}

/** Deletes the rule and returns it. Sequences it started keep running. */
export async function deleteRule(organization: string, id: string) {
  const rule = await findRule(organization, id);
  const { deletedCount } = await Rule.deleteOne({ _id: rule._id, organization });
  if (!deletedCount) throw notFound(`rule ${id}`);
  return rule;
}
