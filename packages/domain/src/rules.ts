// Which outgoing rules a message triggers, in the order they run.
import { compiledGroup } from './conditions';
import { MessageFields } from './text/content';
import type { OutgoingMessage, RuleLike } from './types';

/**
 * Structural loop guard: only messages sent through the API (by a person or a client) run the
 * outgoing rules. Messages the engine sends itself ('automation') never do, so a follow-up can
 * never re-trigger the rule that scheduled it, whatever the rule's "does not contain" conditions
 * say. Received messages ('inbound') are not outgoing and never do either.
 */
export function shouldRunOutgoingRules(msg: Pick<OutgoingMessage, 'origin'>): boolean {
  switch (msg.origin) {
    case 'api':
    case 'mailbox':
      return true;
    case 'automation':
    case 'inbound':
      return false;
  }
}

// One collator for every comparison: `localeCompare` with options builds one per call (~30× slower).
const descriptionOrder = new Intl.Collator('en', { sensitivity: 'accent' });

/** The order rules run in: description (case-insensitive, as Missive does), ties broken by id. */
export function runOrder(a: Pick<RuleLike, 'id' | 'description'>, b: Pick<RuleLike, 'id' | 'description'>): number {
  const byDescription = descriptionOrder.compare(a.description, b.description);
  if (byDescription !== 0) return byDescription;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The enabled outgoing rules whose conditions match, sorted by description (case-insensitive,
 * Missive runs rules alphabetically), ties broken by id. [] for engine-sent messages (see above).
 * The message is normalised once for all rules; each rule's conditions are compiled once per
 * version (see compiledGroup).
 */
export function matchingRules<R extends RuleLike>(rules: readonly R[], msg: OutgoingMessage): R[] {
  if (!shouldRunOutgoingRules(msg)) return [];
  const fields = new MessageFields(msg);
  return rules
    .filter((r) => r.enabled && r.type === 'outgoing' && compiledGroup(r.conditions, r.id)(fields))
    .sort(runOrder);
}
