// Rule evaluation cost: 1, 100 and 1,000 template rules against a 1 KB and a 10 KB message.
import { matchingRules, textAndHtml, type OutgoingMessage, type RuleLike } from '@follow-ups/domain';

const FOLLOW_UP_OPENERS = ['just following up on', 'checking in on the quote', 'one last note about'];

const TRIGGER = 'Here is the quote you requested';

/**
 * Rule i is the "Automatic follow ups" template with its own follow-up openers and its own trigger
 * phrase ("… (ref i)"), or the template's common trigger when `sharedTrigger`.
 */
export function templateRules(count: number, options: { sharedTrigger?: boolean } = {}): RuleLike[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `rule-${String(i).padStart(5, '0')}`,
    description: `Automatic follow ups ${i}`,
    enabled: true,
    type: 'outgoing',
    conditions: {
      match: 'all',
      items: [
        { field: 'from', operator: 'is', values: ['alex@seller.test', `rep${i}@seller.test`] },
        { field: 'content', operator: 'contains', values: [options.sharedTrigger ? TRIGGER : `${TRIGGER} (ref ${i})`] },
        ...FOLLOW_UP_OPENERS.map((phrase) => ({
          field: 'content' as const,
          operator: 'not_contains' as const,
          values: [`${phrase} ref ${i}`],
        })),
      ],
    },
    actions: [],
  }));
}

const FILLER = 'We reviewed the proposal with the team and\n> would like to discuss the\tnumbers on Monday. ';

/** A message of about `bytes` characters whose body contains the trigger of every rule listed in `triggers`. */
export function messageOfSize(bytes: number, triggers: number[]): OutgoingMessage {
  const phrases = triggers.map((i) => `${TRIGGER} (ref ${i}).`).join('\n');
  const body = `<p>Hi Jane,</p><p>${phrases}</p><p>${FILLER.repeat(Math.max(1, Math.ceil((bytes - phrases.length) / FILLER.length)))}</p>`;
  const { text, html } = textAndHtml(body.slice(0, Math.max(bytes, phrases.length + 40)));
  return {
    from: { address: 'alex@seller.test', name: 'Alex' },
    to: [{ address: 'jane@prospect.test', name: 'Jane Doe' }],
    cc: [],
    bcc: [],
    subject: 'Your quote',
    text,
    html,
    origin: 'api',
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median ms of `matchingRules`, after a warm-up; `fresh` rebuilds the rule objects each time (no cached rule list). */
export function timeEvaluation(
  rules: RuleLike[],
  msg: OutgoingMessage,
  options: { runs: number; fresh?: boolean; expect: number },
): number {
  const times: number[] = [];
  for (let run = -3; run < options.runs; run++) {
    const input = options.fresh
      ? rules.map((r) => ({
          ...r,
          conditions: { ...r.conditions, items: r.conditions.items.map((c) => ({ ...c, values: [...c.values] })) },
        }))
      : rules;
    const started = performance.now();
    const matched = matchingRules(input, msg);
    const elapsed = performance.now() - started;
    if (matched.length !== options.expect)
      throw new Error(`expected ${options.expect} matching rules, got ${matched.length}`);
    if (run >= 0) times.push(elapsed);
  }
  return median(times);
}

export type RuleFigure = { rules: number; kb: number; matching: 'one' | 'all'; warmMs: number; coldMs: number };

/** The rule-evaluation grid: 1/100/1,000 rules × 1/10 KB with one matching rule, plus 1,000 × 10 KB all matching. */
export function measureRuleEvaluation(runs: number): RuleFigure[] {
  const figures: RuleFigure[] = [];
  const cases: Array<[number, number, 'one' | 'all']> = [
    [1, 1, 'one'],
    [100, 1, 'one'],
    [1000, 1, 'one'],
    [1, 10, 'one'],
    [100, 10, 'one'],
    [1000, 10, 'one'],
    [1000, 10, 'all'],
  ];
  for (const [count, kb, matching] of cases) {
    const rules = templateRules(count, { sharedTrigger: matching === 'all' });
    const msg = messageOfSize(kb * 1024, [Math.floor(count / 2)]);
    const expect = matching === 'all' ? count : 1;
    figures.push({
      rules: count,
      kb,
      matching,
      warmMs: timeEvaluation(rules, msg, { runs, expect }),
      coldMs: timeEvaluation(rules, msg, { runs, fresh: true, expect }),
    });
  }
  return figures;
}

if (require.main === module) {
  for (const f of measureRuleEvaluation(Number(process.argv[2] ?? 30))) {
    console.log(
      `${String(f.rules).padStart(5)} rules × ${String(f.kb).padStart(2)} KB (${f.matching} matching): ${f.warmMs.toFixed(3)} ms cached rules, ${f.coldMs.toFixed(3)} ms fresh rule objects`,
    );
  }
}
