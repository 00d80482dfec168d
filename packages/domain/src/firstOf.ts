/** The first item of a list that validation has made non-empty (a message's recipients); throws if it is empty. */
export function firstOf<T>(items: readonly T[], what: string): T {
  const item = items[0];
  if (item === undefined) throw new Error(`${what} is empty`);
  return item;
}
