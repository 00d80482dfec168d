// Signal, update and query definitions without loading `@temporalio/workflow`: a definition is the
// plain `{ type, name }` object its `defineSignal`/`defineUpdate`/`defineQuery` return, typed with
// the interfaces of `@temporalio/common`, so ingest and packages can import them too.
import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';

export const defineSignal = <Args extends unknown[] = []>(name: string) =>
  ({ type: 'signal', name }) as SignalDefinition<Args>;
export const defineUpdate = <Ret, Args extends unknown[] = []>(name: string) =>
  ({ type: 'update', name }) as UpdateDefinition<Ret, Args>;
export const defineQuery = <Ret, Args extends unknown[] = []>(name: string) =>
  ({ type: 'query', name }) as QueryDefinition<Ret, Args>;
