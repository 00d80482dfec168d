import { createDraftBodySchema } from './drafts';
import { automaticFollowUpsBodySchema } from './ruleTemplates';
import { createRuleBodySchema, ruleConditionSchema } from './rules';
import { listSequencesQuerySchema } from './sequences';

const id = '5f1b2c3d4e5f60718293a4b5';
const draft = {
  subject: 'Your quote',
  body: '<p>Here is the quote you requested</p>',
  from_field: { address: 'sales@example.com', name: 'Sam' },
  to_fields: [{ address: 'jane@prospect.test' }],
};

function issuePaths(result: { success: boolean; error?: { issues: { path: (string | number)[] }[] } }) {
  return result.error?.issues.map((i) => i.path.join('.')) ?? [];
}

describe('createDraftBodySchema', () => {
  it('accepts a send now and a scheduled send', () => {
    expect(createDraftBodySchema.safeParse({ drafts: { ...draft, send: true } }).success).toBe(true);
    expect(
      createDraftBodySchema.safeParse({ drafts: { ...draft, send_at: 1_900_000_000, auto_followup: true } }).success,
    ).toBe(true);
  });

  it('rejects send together with send_at', () => {
    const result = createDraftBodySchema.safeParse({ drafts: { ...draft, send: true, send_at: 1_900_000_000 } });
    expect(issuePaths(result)).toContain('drafts.send_at');
  });

  it('rejects auto_followup without send_at', () => {
    const result = createDraftBodySchema.safeParse({ drafts: { ...draft, send: true, auto_followup: true } });
    expect(issuePaths(result)).toContain('drafts.auto_followup');
  });

  it('requires a subject unless the draft joins a conversation', () => {
    const { subject: _subject, ...noSubject } = draft;
    expect(issuePaths(createDraftBodySchema.safeParse({ drafts: { ...noSubject, send: true } }))).toContain(
      'drafts.subject',
    );
    expect(createDraftBodySchema.safeParse({ drafts: { ...noSubject, send: true, conversation: id } }).success).toBe(
      true,
    );
  });

  it('accepts a draft that is neither sent nor scheduled (it is saved), rejects milliseconds in send_at and unknown fields', () => {
    expect(createDraftBodySchema.safeParse({ drafts: draft }).success).toBe(true);
    expect(issuePaths(createDraftBodySchema.safeParse({ drafts: { ...draft, account: 'x' } }))).toContain(
      'drafts.account',
    );
    expect(createDraftBodySchema.safeParse({ drafts: { ...draft, unheard_of: 1 } }).success).toBe(false);
    expect(issuePaths(createDraftBodySchema.safeParse({ drafts: { ...draft, send_at: 1_900_000_000_000 } }))).toContain(
      'drafts.send_at',
    );
  });
});

describe('rule schemas', () => {
  const rule = {
    description: 'Quotes',
    conditions: { match: 'all', items: [{ field: 'content', operator: 'contains', values: ['quote'] }] },
    actions: [{ type: 'schedule_followup', response: id, send_after: { amount: 1, unit: 'days' } }],
  };

  it('fills enabled and type', () => {
    const parsed = createRuleBodySchema.parse({ rules: rule });
    expect(parsed.rules).toMatchObject({ enabled: true, type: 'outgoing' });
  });

  it('rejects an unknown operator', () => {
    const result = ruleConditionSchema.safeParse({ field: 'content', operator: 'equals', values: ['x'] });
    expect(issuePaths(result)).toEqual(['operator']);
  });

  it('rejects an operator that does not apply to the field, and blank values', () => {
    expect(
      issuePaths(ruleConditionSchema.safeParse({ field: 'from', operator: 'contains', values: ['a@b.co'] })),
    ).toEqual(['operator']);
    expect(
      issuePaths(ruleConditionSchema.safeParse({ field: 'subject', operator: 'contains', values: [' '] })),
    ).toEqual(['values.0']);
  });

  it('rejects an unknown action type and an empty action list', () => {
    const bad = { ...rule, actions: [{ type: 'forward', to: 'x@y.z' }] };
    expect(createRuleBodySchema.safeParse({ rules: bad }).success).toBe(false);
    expect(createRuleBodySchema.safeParse({ rules: { ...rule, actions: [] } }).success).toBe(false);
  });
});

describe('automaticFollowUpsBodySchema', () => {
  it('applies the Missive template defaults', () => {
    const parsed = automaticFollowUpsBodySchema.parse({
      trigger_phrase: 'Here is the quote',
      senders: ['sam@example.com'],
    });
    expect(parsed.description).toBe('Automatic follow ups');
    expect(parsed.label).toEqual({ name: 'Follow-up in progress' });
    expect(parsed.followups.map((f) => f.send_after)).toEqual([
      { amount: 1, unit: 'days' },
      { amount: 3, unit: 'days' },
      { amount: 7, unit: 'days' },
    ]);
  });

  it('fills titles and delays by position and rejects delays that do not increase', () => {
    const parsed = automaticFollowUpsBodySchema.parse({
      trigger_phrase: 'quote',
      senders: ['sam@example.com'],
      followups: [{ body: 'a' }, { body: 'b' }, { body: 'c' }, { body: 'd' }],
    });
    expect(parsed.followups.map((f) => [f.title, f.send_after.amount])).toEqual([
      ['Follow-up 1', 1],
      ['Follow-up 2', 3],
      ['Follow-up 3', 7],
      ['Follow-up 4', 14],
    ]);
    const result = automaticFollowUpsBodySchema.safeParse({
      trigger_phrase: 'quote',
      senders: ['sam@example.com'],
      followups: [
        { body: 'a', send_after: { amount: 2, unit: 'days' } },
        { body: 'b', send_after: { amount: 24, unit: 'hours' } },
      ],
    });
    expect(issuePaths(result)).toEqual(['followups.1.send_after']);
  });

  it('rejects a short trigger, no senders and more than ten follow-ups', () => {
    expect(automaticFollowUpsBodySchema.safeParse({ trigger_phrase: 'hi', senders: ['sam@example.com'] }).success).toBe(
      false,
    );
    expect(automaticFollowUpsBodySchema.safeParse({ trigger_phrase: 'quote', senders: [] }).success).toBe(false);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ body: `f${i}` }));
    expect(
      automaticFollowUpsBodySchema.safeParse({ trigger_phrase: 'quote', senders: ['s@x.io'], followups: eleven })
        .success,
    ).toBe(false);
  });
});

describe('listSequencesQuerySchema', () => {
  it('coerces page_size from the query string and bounds it', () => {
    expect(listSequencesQuerySchema.parse({}).page_size).toBe(20);
    expect(listSequencesQuerySchema.parse({ page_size: '50' }).page_size).toBe(50);
    expect(listSequencesQuerySchema.safeParse({ page_size: '500' }).success).toBe(false);
  });
});

describe('input bounds', () => {
  const send = (fields: object) => createDraftBodySchema.safeParse({ drafts: { ...draft, send: true, ...fields } });
  const people = (n: number) => Array.from({ length: n }, (_, i) => ({ address: `p${i}@prospect.test` }));

  it('rejects every control character and Unicode line separator in header-bound text', () => {
    for (const bad of ['a\rb', 'a\nb', 'a\u0000b', 'a\tb', 'a\u007fb', 'a\u0085b', 'a\u2028b', 'a\u2029b']) {
      expect(issuePaths(send({ subject: bad }))).toEqual(['drafts.subject']);
      expect(issuePaths(send({ from_field: { address: 'sales@example.com', name: bad } }))).toEqual([
        'drafts.from_field.name',
      ]);
    }
    expect(send({ subject: 'Devis n° 42 — «Q3» ✔' }).success).toBe(true);
  });

  it('counts to, cc and bcc together against the 1,000-recipient limit', () => {
    expect(send({ to_fields: people(1), cc_fields: people(999) }).success).toBe(true);
    expect(issuePaths(send({ to_fields: people(1), cc_fields: people(999), bcc_fields: people(1) }))).toEqual([
      'drafts.bcc_fields',
    ]);
  });

  it('bounds delays to a year in every unit', () => {
    const rule = (amount: number, unit: string) => ({
      rules: {
        description: 'd',
        conditions: { match: 'all', items: [] },
        actions: [{ type: 'schedule_followup', response: id, send_after: { amount, unit } }],
      },
    });
    expect(createRuleBodySchema.safeParse(rule(365, 'days')).success).toBe(true);
    expect(issuePaths(createRuleBodySchema.safeParse(rule(366, 'days')))).toEqual([
      'rules.actions.0.send_after.amount',
    ]);
    expect(issuePaths(createRuleBodySchema.safeParse(rule(Number.MAX_SAFE_INTEGER, 'minutes')))).toEqual([
      'rules.actions.0.send_after.amount',
    ]);
  });

  it('accepts only base64url page tokens of bounded length', () => {
    expect(listSequencesQuerySchema.safeParse({ page_token: 'AbC-_09' }).success).toBe(true);
    expect(listSequencesQuerySchema.safeParse({ page_token: 'a+b/c=' }).success).toBe(false);
    expect(listSequencesQuerySchema.safeParse({ page_token: 'a'.repeat(4097) }).success).toBe(false);
  });
});
