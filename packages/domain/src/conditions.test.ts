import { evaluateCondition } from './conditions';
import { condition as cond, quoteEmail as msg } from './testing/fixtures';
import type { OutgoingMessage, RuleCondition } from './types';

const holds = (c: RuleCondition, m: OutgoingMessage = msg()): boolean => evaluateCondition(c, m);

describe('evaluateCondition: from', () => {
  it('is matches any listed sender, case-insensitively and trimmed', () => {
    expect(holds(cond('from', 'is', 'other@acme.com', '  sam@ACME.com '))).toBe(true);
    expect(holds(cond('from', 'is', 'other@acme.com'))).toBe(false);
  });

  it('is_not matches when no listed sender is the sender', () => {
    expect(holds(cond('from', 'is_not', 'other@acme.com'))).toBe(true);
    expect(holds(cond('from', 'is_not', 'other@acme.com', 'sam@acme.com'))).toBe(false);
  });

  it('compares whole addresses, not substrings', () => {
    expect(holds(cond('from', 'is', 'am@acme.com'))).toBe(false);
  });
});

describe('evaluateCondition: team', () => {
  it('is / is_not compare the team id', () => {
    expect(holds(cond('team', 'is', 'TEAM-SALES'))).toBe(true);
    expect(holds(cond('team', 'is_not', 'team-sales'))).toBe(false);
  });

  it('a message without team never matches is and always matches is_not', () => {
    const noTeam = msg({ teamId: undefined });
    expect(holds(cond('team', 'is', 'team-sales'), noTeam)).toBe(false);
    expect(holds(cond('team', 'is_not', 'team-sales'), noTeam)).toBe(true);
  });
});

describe('evaluateCondition: content', () => {
  it('contains looks at body, subject and every address and name', () => {
    for (const phrase of ['HERE IS THE QUOTE', 'quote #42', 'pat prospect', 'archive@acme.com', 'sam seller']) {
      expect(holds(cond('content', 'contains', phrase))).toBe(true);
    }
    expect(holds(cond('content', 'contains', 'invoice'))).toBe(false);
  });

  it('not_contains holds only when no phrase occurs', () => {
    expect(holds(cond('content', 'not_contains', 'following up', 'checking in'))).toBe(true);
    expect(holds(cond('content', 'not_contains', 'checking in', 'quote you'))).toBe(false);
  });

  it('matches a phrase wrapped across lines or spaced differently', () => {
    const wrapped = msg({ text: undefined, html: '<p>Here is the\n   quote\nyou requested</p>' });
    expect(holds(cond('content', 'contains', 'here is the quote you requested'), wrapped)).toBe(true);
    const plain = msg({ text: 'Here is the\r\nquote  you\trequested' });
    expect(holds(cond('content', 'contains', ' Here  is the quote\nyou requested '), plain)).toBe(true);
  });

  it('matches a phrase inside quoted text wrapped with "> " markers', () => {
    const reply = msg({ text: 'Thanks!\n\n> Here is the quote\n> you requested.' });
    expect(holds(cond('content', 'contains', 'quote you requested'), reply)).toBe(true);
  });

  it('reads the stripped html when there is no text part', () => {
    const html = msg({ text: undefined, html: '<p>Here is <a href="https://q.test">the quote</a></p>' });
    expect(holds(cond('content', 'contains', 'here is the quote'), html)).toBe(true);
    expect(holds(cond('content', 'contains', 'q.test'), html)).toBe(false);
  });

  it('ignores blank values instead of matching everything', () => {
    expect(holds(cond('content', 'contains', '  '))).toBe(false);
    expect(holds(cond('content', 'not_contains', ''))).toBe(true);
  });
});

describe('evaluateCondition: subject and body', () => {
  it('subject only looks at the subject', () => {
    expect(holds(cond('subject', 'contains', 'quote'))).toBe(true);
    expect(holds(cond('subject', 'contains', 'requested'))).toBe(false);
  });

  it('body only looks at the body', () => {
    expect(holds(cond('body', 'contains', 'requested'))).toBe(true);
    expect(holds(cond('body', 'contains', '#42'))).toBe(false);
    expect(holds(cond('body', 'not_contains', 'pat prospect'))).toBe(true);
  });
});
