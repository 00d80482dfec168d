// A rule may only name canned responses, labels and teams of its own organization.
import { Types } from 'mongoose';
import type { ConditionGroup, RuleAction } from '@follow-ups/contract';
import { Response, SharedLabel, Team } from '@follow-ups/db';
import { AppError, invalid } from '../http/appError';

type Reference = { kind: 'canned response' | 'shared label' | 'team'; id: string; path: string };
type Issue = { path: string; message: string };

const isObjectIdHex = (value: string) => /^[0-9a-fA-F]{24}$/.test(value);

/**
 * `team` condition values are team ids: trimmed and lowercased (how matching compares them).
 * A value that cannot be an id is a 400 naming it.
 */
export function normalizeTeamConditions(conditions: ConditionGroup, path: string): ConditionGroup {
  const issues: Issue[] = [];
  const items = conditions.items.map((item, i) => {
    if (item.field !== 'team') return item;
    const values = item.values.map((value, j) => {
      const id = value.trim().toLowerCase();
      if (!isObjectIdHex(id))
        issues.push({ path: `${path}.items.${i}.values.${j}`, message: 'a team value is a 24-character hex team id' });
      return id;
    });
    return { ...item, values };
  });
  if (issues.length) throw invalid('a team condition names something that is not a team id', issues);
  return { ...conditions, items };
}

function referencesOf(rule: { conditions?: ConditionGroup; actions?: RuleAction[] }, path: string): Reference[] {
  const refs: Reference[] = [];
  rule.conditions?.items.forEach((item, i) => {
    if (item.field !== 'team') return;
    item.values.forEach((id, j) => refs.push({ kind: 'team', id, path: `${path}.conditions.items.${i}.values.${j}` }));
  });
  rule.actions?.forEach((action, i) => {
    if (action.type === 'schedule_followup') {
      refs.push({ kind: 'canned response', id: action.response, path: `${path}.actions.${i}.response` });
    } else {
      action.labels.forEach((id, j) =>
        refs.push({ kind: 'shared label', id, path: `${path}.actions.${i}.labels.${j}` }),
      );
    }
  });
  return refs;
}

const MODELS = { 'canned response': Response, 'shared label': SharedLabel, team: Team } as const;

/** The ids among `ids` that exist in the organization, lowercased. */
async function existingIds(kind: Reference['kind'], organization: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const model = MODELS[kind] as typeof Team;
  const found = await model
    .find({ organization, _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }, { _id: 1 })
    .lean();
  return new Set(found.map((doc) => String(doc._id)));
}

/**
 * Throws a 404 naming every canned response, shared label and team the rule refers to that the
 * organization does not have (another organization's ids included). Reads only.
 */
export async function assertRuleReferencesExist(
  organization: string,
  rule: { conditions?: ConditionGroup; actions?: RuleAction[] },
  path = 'body.rules',
): Promise<void> {
  const refs = referencesOf(rule, path);
  const kinds = [...new Set(refs.map((r) => r.kind))];
  const found = new Map(
    await Promise.all(
      kinds.map(async (kind) => {
        const ids = [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id.toLowerCase()))];
        return [kind, await existingIds(kind, organization, ids)] as const;
      }),
    ),
  );
  const missing = refs.filter((r) => !found.get(r.kind)?.has(r.id.toLowerCase()));
  if (!missing.length) return;
  const names = [...new Set(missing.map((r) => `${r.kind} ${r.id}`))];
  throw new AppError(
    'not_found',
    `${names.join(', ')} not found`,
    missing.map((r) => ({ path: r.path, message: `${r.kind} ${r.id} not found` })),
  );
}
