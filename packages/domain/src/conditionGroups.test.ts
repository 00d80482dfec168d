import { evaluateGroup, validateConditionGroup } from './conditions';
import { condition as cond, quoteEmail as msg } from './testing/fixtures';

describe('evaluateGroup', () => {
  const yes = cond('subject', 'contains', 'quote');
  const no = cond('subject', 'contains', 'invoice');

  it("'all' needs every item and holds when empty", () => {
    expect(evaluateGroup({ match: 'all', items: [yes, yes] }, msg())).toBe(true);
    expect(evaluateGroup({ match: 'all', items: [yes, no] }, msg())).toBe(false);
    expect(evaluateGroup({ match: 'all', items: [] }, msg())).toBe(true);
  });

  it("'any' needs one item and fails when empty", () => {
    expect(evaluateGroup({ match: 'any', items: [no, yes] }, msg())).toBe(true);
    expect(evaluateGroup({ match: 'any', items: [no, no] }, msg())).toBe(false);
    expect(evaluateGroup({ match: 'any', items: [] }, msg())).toBe(false);
  });

  it('reproduces the Missive template, including its feedback-loop guard', () => {
    const template = {
      match: 'all' as const,
      items: [
        cond('from', 'is', 'sam@acme.com'),
        cond('team', 'is', 'team-sales'),
        cond('content', 'contains', 'here is the quote you requested'),
        cond('content', 'not_contains', 'just following up'),
        cond('content', 'not_contains', 'checking in again'),
      ],
    };
    expect(evaluateGroup(template, msg())).toBe(true);
    const followUp = msg({ text: 'Just following up on the quote.\n\n> Here is the quote you requested.' });
    expect(evaluateGroup(template, followUp)).toBe(false);
  });
});

describe('validateConditionGroup', () => {
  it('accepts a valid group', () => {
    expect(
      validateConditionGroup({
        match: 'all',
        items: [cond('from', 'is', 'a@b.co'), cond('content', 'not_contains', 'x')],
      }),
    ).toEqual([]);
  });

  it('reports operators that do not fit the field and empty values, by position', () => {
    const problems = validateConditionGroup({
      match: 'all',
      items: [cond('from', 'contains', 'acme'), cond('subject', 'is', 'Quote'), cond('body', 'contains', ' ')],
    });
    expect(problems).toEqual([
      'Condition 1: operator "contains" is not valid for field "from" (use is or is_not)',
      'Condition 2: operator "is" is not valid for field "subject" (use contains or not_contains)',
      'Condition 3: at least one non-empty value is required',
    ]);
  });

  it('reports unknown fields and match modes coming from untyped input', () => {
    const problems = validateConditionGroup(
      JSON.parse('{"match":"some","items":[{"field":"cc","operator":"is","values":["x"]}]}'),
    );
    expect(problems).toEqual(['match must be "all" or "any", got "some"', 'Condition 1: unknown field "cc"']);
  });
});
