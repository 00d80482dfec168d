// Rule conditions: which part of a message each field reads, and how operators compare.
import { OPERATORS_BY_FIELD } from '@follow-ups/vocabulary';
import { normalizeAddress } from './addresses';
import { MessageFields } from './text/content';
import { normalizeId, normalizeText } from './normalize';
import type { ConditionField, ConditionGroup, OutgoingMessage, RuleCondition } from './types';

function normalizeValue(field: ConditionField, value: string): string {
  if (field === 'from') return normalizeAddress(value);
  if (field === 'team') return normalizeId(value);
  return normalizeText(value);
}

/** A condition with its values normalised once, tested against a message's prepared fields. */
type CompiledCondition = (fields: MessageFields) => boolean;

/**
 * Values are trimmed and blank ones ignored; comparisons are case-insensitive. is/contains need
 * any value to match; is_not/not_contains need none to. A missing field (no team) matches no value.
 */
function compileCondition(c: RuleCondition): CompiledCondition {
  const { field, operator } = c;
  const needles = [...new Set(c.values.map((v) => normalizeValue(field, v)).filter((v) => v !== ''))];
  const exact = operator === 'is' || operator === 'is_not';
  const positive = operator === 'is' || operator === 'contains';
  const anyHit = exact
    ? (fields: MessageFields) => {
        const value = fields.value(field);
        if (value !== undefined && needles.includes(value)) return true;
        return field === 'from' && fields.fromAliases().some((alias) => needles.includes(alias));
      }
    : (fields: MessageFields) => needles.some((needle) => fields.contains(field, needle));
  return positive ? anyHit : (fields) => !anyHit(fields);
}

// Conditions are pure, so a group may test them in any order: cheap fields before long texts.
const fieldCost: Record<ConditionField, number> = {
  from: 0,
  team: 0,
  subject: 1,
  body: 2,
  content: 2,
  body_without_quote: 3,
};

function compileGroup(g: ConditionGroup): CompiledCondition {
  const items = [...g.items].sort((a, b) => fieldCost[a.field] - fieldCost[b.field]).map(compileCondition);
  return g.match === 'all' ? (fields) => items.every((c) => c(fields)) : (fields) => items.some((c) => c(fields));
}

// Compiled once per rule version: by the caller's key (the rule id) while the conditions are the
// same as when compiled (rules re-read from the database), else by conditions object.
const byObject = new WeakMap<ConditionGroup, CompiledCondition>();
const byKey = new Map<string, { group: ConditionGroup; compiled: CompiledCondition }>();
const MAX_KEYS = 20_000;

const copyGroup = (g: ConditionGroup): ConditionGroup => ({
  match: g.match,
  items: g.items.map((c) => ({ ...c, values: [...c.values] })),
});
const sameCondition = (a: RuleCondition, b: RuleCondition) =>
  a.field === b.field &&
  a.operator === b.operator &&
  a.values.length === b.values.length &&
  a.values.every((v, i) => v === b.values[i]);
const sameGroup = (a: ConditionGroup, b: ConditionGroup) =>
  a.match === b.match &&
  a.items.length === b.items.length &&
  a.items.every((c, i) => {
    const other = b.items[i];
    return other !== undefined && sameCondition(c, other);
  });

/**
 * A group compiled once per rule version; test it with `new MessageFields(msg)`. `key` (the rule
 * id) lets rules re-read from the database reuse their compiled form while their conditions are unchanged.
 */
export function compiledGroup(g: ConditionGroup, key?: string): CompiledCondition {
  const byItself = byObject.get(g);
  if (byItself) return byItself;
  const known = key === undefined ? undefined : byKey.get(key);
  if (known && sameGroup(known.group, g)) return known.compiled;
  const compiled = compileGroup(g);
  if (key === undefined) byObject.set(g, compiled);
  else {
    if (byKey.size >= MAX_KEYS) byKey.clear();
    byKey.set(key, { group: copyGroup(g), compiled });
  }
  return compiled;
}

/** One condition against one message (see compileCondition for the semantics). */
export function evaluateCondition(c: RuleCondition, msg: OutgoingMessage): boolean {
  return compileCondition(c)(new MessageFields(msg));
}

/** 'all': every item holds (empty group holds); 'any': at least one holds (empty does not). */
export function evaluateGroup(g: ConditionGroup, msg: OutgoingMessage): boolean {
  return compiledGroup(g)(new MessageFields(msg));
}

/** Human-readable problems with a condition group; [] when it is valid. */
export function validateConditionGroup(g: ConditionGroup): string[] {
  const problems: string[] = [];
  if (g.match !== 'all' && g.match !== 'any') {
    problems.push(`match must be "all" or "any", got "${String(g.match)}"`);
  }
  g.items.forEach((c, i) => {
    const label = `Condition ${i + 1}`;
    const allowed = Object.hasOwn(OPERATORS_BY_FIELD, c.field) ? OPERATORS_BY_FIELD[c.field] : undefined;
    if (!allowed) {
      problems.push(`${label}: unknown field "${String(c.field)}"`);
    } else if (!allowed.includes(c.operator)) {
      const operator = String(c.operator);
      const hint = allowed.join(' or ');
      problems.push(`${label}: operator "${operator}" is not valid for field "${c.field}" (use ${hint})`);
    }
    if (!c.values.some((v) => v.trim() !== '')) {
      problems.push(`${label}: at least one non-empty value is required`);
    }
  });
  return problems;
}
