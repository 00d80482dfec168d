// Lists come back in the order people read them, case-insensitive, ties broken by id.
import { runOrder } from '@follow-ups/domain';

type Keyed = { _id: unknown };
const byId = (a: Keyed, b: Keyed) => {
  const [x, y] = [String(a._id), String(b._id)];
  return x < y ? -1 : x > y ? 1 : 0;
};

const readingOrder = new Intl.Collator('en', { sensitivity: 'accent', numeric: true });

/** Labels and canned responses: by `key`, case-insensitive, "Follow-up 2" before "Follow-up 10". */
export function sortByText<T extends Keyed>(items: T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => readingOrder.compare(key(a), key(b)) || byId(a, b));
}

/** Rules in the order they run (`runOrder`, which `matchingRules` in @follow-ups/domain uses). */
export function sortInRunOrder<T extends Keyed & { description: string }>(rules: T[]): T[] {
  return [...rules].sort((a, b) =>
    runOrder({ id: String(a._id), description: a.description }, { id: String(b._id), description: b.description }),
  );
}
