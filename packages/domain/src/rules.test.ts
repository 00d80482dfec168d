import { evaluateGroup } from './conditions';
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

  it('"From is" matches the sender by any of their addresses (a user\'s email and aliases)', () => {
    const fromIs = (operator: 'is' | 'is_not') =>
      rule(operator, operator, {
        conditions: { match: 'all', items: [{ field: 'from', operator, values: ['Sam@Acme.com'] }] },
      });
    const fromAlias = msg({ from: { address: 'sales@acme.io' }, fromAliases: ['sam@acme.com', 'sales@acme.io'] });
    expect(matchingRules([fromIs('is'), fromIs('is_not')], fromAlias).map((r) => r.id)).toEqual(['is']);
    expect(
      matchingRules([fromIs('is'), fromIs('is_not')], msg({ from: { address: 'sales@acme.io' } })).map((r) => r.id),
    ).toEqual(['is_not']);
  });

  it('never matches messages the engine sent (loop guard), nor received ones', () => {
    const rules = [rule('r1', 'Automatic follow ups')];
    expect(matchingRules(rules, msg({ origin: 'automation' }))).toEqual([]);
    expect(matchingRules(rules, msg({ origin: 'inbound' }))).toEqual([]);
  });

  it('keeps the caller’s rule type and does not reorder the input', () => {
    const rules = [
      { ...rule('b', 'b'), organizationId: 'org1' },
      { ...rule('a', 'a'), organizationId: 'org1' },
    ];
    const matched = matchingRules(rules, msg());
    expect(matched.map((r) => r.organizationId)).toEqual(['org1', 'org1']);
    expect(rules.map((r) => r.id)).toEqual(['b', 'a']);
  });
});

describe('matchingRules: compiled once per rule version', () => {
  it('a rule re-read with other conditions under the same id is evaluated with the new ones', () => {
    expect(matchingRules([rule('r1', 'a')], msg()).map((r) => r.id)).toEqual(['r1']);
    const edited = rule('r1', 'a', {
      conditions: { match: 'all', items: [{ field: 'content', operator: 'contains', values: ['invoice'] }] },
    });
    expect(matchingRules([edited], msg())).toEqual([]);
    expect(matchingRules([rule('r1', 'a')], msg()).map((r) => r.id)).toEqual(['r1']);
  });

  it('many rules on a long message give the answer each rule gives alone', () => {
    const phrase = (i: number) => `here is the quote you requested (ref ${i})`;
    const rules = Array.from({ length: 300 }, (_, i) =>
      rule(`many-${i}`, `rule ${i}`, {
        conditions: {
          match: i % 3 === 0 ? 'any' : 'all',
          items: [
            { field: 'content', operator: 'contains', values: [phrase(i), phrase(i + 1000)] },
            { field: 'body', operator: 'not_contains', values: [`following up ${i % 7}`] },
            { field: 'from', operator: i % 5 === 0 ? 'is_not' : 'is', values: ['SAM@acme.com'] },
          ],
        },
      }),
    );
    const text = `${[7, 30, 31, 1150, 299].map(phrase).join('\n> ')}\nfollowing up 3\n${'filler text, '.repeat(400)}`;
    const long = msg({ text });
    const alone = rules.filter((r) => evaluateGroup(r.conditions, long)).map((r) => r.id);
    expect(alone.length).toBeGreaterThan(50);
    expect(
      matchingRules(rules, long)
        .map((r) => r.id)
        .sort(),
    ).toEqual(alone.sort());
  });
});

describe('shouldRunOutgoingRules', () => {
  it('runs for API messages only', () => {
    expect(shouldRunOutgoingRules({ origin: 'api' })).toBe(true);
    expect(shouldRunOutgoingRules({ origin: 'mailbox' })).toBe(true);
    expect(shouldRunOutgoingRules({ origin: 'automation' })).toBe(false);
    expect(shouldRunOutgoingRules({ origin: 'inbound' })).toBe(false);
  });
});
