import { planFollowUps, type PlannedFollowUp } from './delays';
import type { RuleAction } from '../types';
import { addDelay } from './businessDays';
import { nextOpening } from './window';
import type { SendingPolicy } from './types';

/** A follow-up with both times: `nominalAt` = trigger + delay, `sendAt` = the next opening of the window from there. */
export type WindowedFollowUp = PlannedFollowUp & { nominalAt: Date };

/** Plans the rule's follow-ups; without a policy, actual = nominal (fixed 24 h days, as before windows). */
export function planWindowedFollowUps(
  initialSentAt: Date,
  actions: readonly RuleAction[],
  policy: SendingPolicy | null,
): WindowedFollowUp[] {
  const plain = planFollowUps(initialSentAt, actions);
  if (!policy) return plain.map((p) => ({ ...p, nominalAt: p.sendAt }));
  const delays = actions.flatMap((a) => (a.type === 'schedule_followup' ? [a.send_after] : []));
  return plain
    .map((p) => {
      const delay = delays[p.step - 1];
      if (!delay) throw new Error(`no delay for follow-up ${p.step}`); // planFollowUps numbers the same actions
      const nominalAt = addDelay(initialSentAt, delay, policy);
      return { ...p, nominalAt, sendAt: nextOpening(nominalAt, policy) };
    })
    .sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime() || a.step - b.step);
}
