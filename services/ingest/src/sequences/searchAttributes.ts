import type { SearchAttributes } from '@temporalio/common';

/** One value of a (single-valued) search attribute, whichever API wrote it. */
export function attr<T = string>(attributes: SearchAttributes | undefined, name: string): T | null {
  const value = attributes?.[name] as unknown;
  if (value === undefined || value === null) return null;
  return (Array.isArray(value) ? (value[0] ?? null) : value) as T | null;
}

/** Quotes a value for a Temporal visibility query. */
export const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
