import type { HookEventData, HookEventType } from '@follow-ups/contract';
import type { HookDoc } from '@follow-ups/db';

/** The rule behind an event: the sequence's, when it has one. */
function ruleOf(data: HookEventData[HookEventType]): string | null {
  return data.sequence?.rule ?? null;
}

/** True when the hook's filters let the event through (no filter: every event of its type). */
export function hookWantsEvent(
  hook: Pick<HookDoc, 'filters'>,
  conversationId: string,
  data: HookEventData[HookEventType],
): boolean {
  const { conversations, rules } = hook.filters ?? {};
  if (conversations?.length && !conversations.some((id) => String(id) === conversationId)) return false;
  if (rules?.length) {
    const rule = ruleOf(data);
    if (!rule || !rules.some((id) => String(id) === rule)) return false;
  }
  return true;
}
