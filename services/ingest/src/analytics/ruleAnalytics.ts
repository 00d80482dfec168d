import { Rule } from '@follow-ups/db';
import type { RuleAnalytics } from '@follow-ups/contract';
import type { Client } from '@temporalio/client';
import { notFound } from '../http/appError';
import { liveGauges } from './liveGauges';
import { presentAnalytics } from './presentAnalytics';
import type { AnalyticsRange } from './range';
import { weeklyCounters } from './sumCounters';

type RuleRef = { _id: unknown; description: string };

async function analyticsOf(
  client: Client,
  organization: string,
  rule: RuleRef,
  range: AnalyticsRange,
): Promise<RuleAnalytics> {
  const id = String(rule._id);
  const [weeks, live] = await Promise.all([
    weeklyCounters(organization, id, range),
    liveGauges(client, organization, id, range.sender),
  ]);
  return presentAnalytics({ id, description: rule.description }, range, weeks, live);
}

/** One rule of the organization (404 naming it otherwise, another organization's too). */
export async function ruleAnalytics(
  client: Client,
  organization: string,
  ruleId: string,
  range: AnalyticsRange,
): Promise<RuleAnalytics> {
  const rule = await Rule.findOne({ _id: ruleId, organization }, { description: 1 }).lean();
  if (!rule) throw notFound(`rule ${ruleId}`);
  return analyticsOf(client, organization, rule, range);
}

/** Every rule of the organization, in order of description. */
export async function allRulesAnalytics(
  client: Client,
  organization: string,
  range: AnalyticsRange,
): Promise<RuleAnalytics[]> {
  const rules = await Rule.find({ organization }, { description: 1 }).sort({ description: 1 }).lean();
  return Promise.all(rules.map((rule) => analyticsOf(client, organization, rule, range)));
}
