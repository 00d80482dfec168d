import type { CreateDraft, DryRun } from '@follow-ups/contract';
import { ruleLike } from '@follow-ups/automation';
import { Organization, Rule, settingsOf } from '@follow-ups/db';
import { currentTime, labelsToAdd, matchingRules, toAddress, type OutgoingMessage } from '@follow-ups/domain';
import type { AppDeps } from '../deps';
import { prepareDraft } from '../drafts/prepareDraft';
import { failedCondition } from './failedCondition';
import { planFollowUps } from './planFollowUps';

/**
 * What the organization's outgoing rules would do with this draft if it were sent now: the rules
 * that match with their follow-ups (planned and rendered) and labels, and for the others the first
 * condition that did not hold. Validated as `POST /v1/drafts` validates; writes, sends, starts and
 * claims nothing.
 */
export async function dryRun(deps: AppDeps, organization: string, draft: CreateDraft): Promise<DryRun> {
  const prepared = await prepareDraft(organization, draft, deps);
  const teamId = prepared.conversation.team ? String(prepared.conversation.team) : draft.team;
  const message: OutgoingMessage = {
    from: toAddress(draft.from_field),
    to: draft.to_fields.map(toAddress),
    cc: (draft.cc_fields ?? []).map(toAddress),
    bcc: (draft.bcc_fields ?? []).map(toAddress),
    subject: prepared.subject,
    text: prepared.text,
    html: prepared.html,
    origin: 'api',
    teamId: teamId ?? undefined,
  };
  const [org, stored] = await Promise.all([
    Organization.findById(organization, { settings: 1 }).lean(),
    Rule.find({ organization, type: 'outgoing' }).lean(),
  ]);
  const rules = stored.map((r) => ({ ...ruleLike(r), sending: r.sending ?? null }));
  const matched = matchingRules(rules, message);
  const matchedIds = new Set(matched.map((r) => r.id));
  const mail = {
    from: draft.from_field,
    to: draft.to_fields,
    cc: draft.cc_fields ?? [],
    subject: prepared.subject,
    conversationSubject: prepared.conversation.subject,
  };
  const followUps = await planFollowUps(deps, organization, matched, mail, currentTime(deps), settingsOf(org));
  return {
    matched: matched.map((r) => ({
      rule: r.id,
      description: r.description,
      followups: followUps.get(r.id) ?? [],
      labels: labelsToAdd(r.actions),
    })),
    not_matched: rules
      .filter((r) => !matchedIds.has(r.id))
      .sort((a, b) => a.description.localeCompare(b.description))
      .map((r) => ({ rule: r.id, description: r.description, failed: failedCondition(r, message) })),
  };
}
