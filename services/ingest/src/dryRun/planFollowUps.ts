import { senderData, sequenceSchedule, unsubscribeLink } from '@follow-ups/automation';
import { Response, type OrganizationSettings } from '@follow-ups/db';
import { userByAddress } from '@follow-ups/directory';
import {
  oneLine,
  personFromAddress,
  planWindowedFollowUps,
  renderBody,
  renderTemplate,
  replySubject,
  reserveSlot,
  senderSlotKey,
  toAddress,
  unixSeconds,
} from '@follow-ups/domain';
import type { DryRun } from '@follow-ups/contract';
import type { AppDeps } from '../deps';
import type { OutgoingRule } from '@follow-ups/automation';
import { peekSlotStore } from './peekSlotStore';
import { whyMoved } from './why';

type Address = { address: string; name?: string | null };
export type DryRunMail = { from: Address; to: Address[]; cc: Address[]; subject: string; conversationSubject: string };
type FollowUp = DryRun['matched'][number]['followups'][number];

/**
 * The follow-ups the matched rules would schedule for a mail sent now, as `runOutgoingRules` plans
 * them (one sequence: the first rule's sending window, steps numbered in send order), each rendered
 * from its canned response. Reads only.
 */
export async function planFollowUps(
  deps: AppDeps,
  organization: string,
  matched: OutgoingRule[],
  mail: DryRunMail,
  now: Date,
  settings: OrganizationSettings,
): Promise<Map<string, FollowUp[]>> {
  const divisor = deps.delayDivisor ?? 1;
  const scaled = (at: Date) => new Date(now.getTime() + (at.getTime() - now.getTime()) / divisor);
  const first = matched.find((r) => r.actions.some((a) => a.type === 'schedule_followup'));
  const recipient = mail.to[0]?.address ?? '';
  const schedule =
    first && divisor === 1
      ? await sequenceSchedule({
          organization,
          settings,
          ruleSending: first.sending,
          sender: mail.from.address,
          recipient,
        })
      : null;
  const plan = matched
    .flatMap((rule) =>
      planWindowedFollowUps(now, rule.actions, schedule?.policy ?? null).map((p) => ({ ...p, rule: rule.id })),
    )
    .map((p) => ({ ...p, sendAt: scaled(p.sendAt), nominalAt: scaled(p.nominalAt), windowAt: scaled(p.sendAt) }))
    .sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime());
  // Daily caps as of now: the slot the worker would reserve for each step, claimed by nobody.
  if (schedule?.caps) {
    const store = peekSlotStore();
    const key = senderSlotKey(organization, mail.from.address.toLowerCase());
    for (const p of plan) {
      const slot = await reserveSlot({
        key,
        organizationKey: organization,
        notBefore: p.sendAt,
        ...schedule,
        caps: schedule.caps,
        store,
      });
      p.sendAt = slot.at;
    }
  }
  const sender = await userByAddress(organization, mail.from.address);
  const data = {
    recipient: personFromAddress(toAddress(mail.to[0] ?? { address: '' })),
    user: senderData(sender, mail.from),
    conversation: { subject: mail.conversationSubject },
    ...(unsubscribeLink(deps, organization, recipient)
      ? { unsubscribe_url: unsubscribeLink(deps, organization, recipient) }
      : {}),
  };
  const byRule = new Map<string, FollowUp[]>();
  for (const [i, p] of plan.entries()) {
    const response = await Response.findOne({ _id: p.response, organization }).lean();
    const body = response ? await renderBody(response.body, data) : { html: '', text: '' };
    const subject = response?.subject ? await renderTemplate(response.subject, data) : replySubject(mail.subject);
    const followUp: FollowUp = {
      step: i + 1,
      send_at: unixSeconds(p.sendAt),
      nominal_send_at: unixSeconds(p.nominalAt),
      subject: oneLine(subject),
      body: body.html,
      to: mail.to.map((a) => ({ address: a.address, name: a.name ?? null })),
      from: { address: mail.from.address, name: mail.from.name ?? null },
      why: whyMoved(p, schedule),
    };
    byRule.set(p.rule, [...(byRule.get(p.rule) ?? []), followUp]);
  }
  return byRule;
}
