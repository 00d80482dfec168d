import { matchingRules, shouldRunOutgoingRules } from './rules';
import type { OutgoingMessage, RuleLike } from './types';

const msg = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  from: { address: 'sam@acme.com' },
  to: [{ address: 'pat@prospect.io' }],
  cc: [],
  bcc: [],
  subject: 'Quote',
  text: 'Here is the quote you requested',
  origin: 'api',
  ...over,
});

const rule = (id: string, description: string, over: Partial<RuleLike> = {}): RuleLike => ({
  id,
  description,
  enabled: true,
  type: 'outgoing',
  conditions: { match: 'all', items: [{ field: 'content', operator: 'contains', values: ['quote'] }] },
  actions: [],
  ...over,
});

describe('matchingRules', () => {
  it('returns matching rules sorted by description, case-insensitively, then by id', () => {
    const rules = [
      rule('r3', 'beta'),
      rule('r2', 'Alpha'),
      rule('r1', 'alpha'),
      rule('r4', 'Échéance'),
      rule('r5', 'zeta'),
    ];
    expect(matchingRules(rules, msg()).map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('skips disabled rules and rules whose conditions do not match', () => {
    const rules = [
      rule('off', 'a', { enabled: false }),
      rule('miss', 'b', {
        conditions: { match: 'all', items: [{ field: 'subject', operator: 'contains', values: ['invoice'] }] },
      }),
      rule('hit', 'c'),
    ];
    expect(matchingRules(rules, msg()).map((r) => r.id)).toEqual(['hit']);
  });

  it('never matches messages the engine sent (loop guard), nor received ones', () => {
    const rules = [rule('r1', 'Automatic follow ups')];
    expect(matchingRules(rules, msg({ origin: 'automation' }))).toEqual([]);
    expect(matchingRules(rules, msg({ origin: 'inbound' }))).toEqual([]);
  });

  it('keeps the caller’s rule type and does not reorder the input', () => {
    const rules = [{ ...rule('b', 'b'), organizationId: 'org1' }, { ...rule('a', 'a'), organizationId: 'org1' }];
    const matched = matchingRules(rules, msg());
    expect(matched.map((r) => r.organizationId)).toEqual(['org1', 'org1']);
    expect(rules.map((r) => r.id)).toEqual(['b', 'a']);
  });
});

describe('shouldRunOutgoingRules', () => {
  it('runs for API messages only', () => {
    expect(shouldRunOutgoingRules({ origin: 'api' })).toBe(true);
    expect(shouldRunOutgoingRules({ origin: 'automation' })).toBe(false);
    expect(shouldRunOutgoingRules({ origin: 'inbound' })).toBe(false);
  });
});
