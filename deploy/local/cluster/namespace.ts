import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTE_TYPES } from '@follow-ups/workflows';
import { waitUntil } from '../ports';

const NAMESPACE = 'default';
/** How long a closed workflow's history is kept (the dev server keeps a day). */
const RETENTION_SECONDS = 3 * 24 * 3600;
const ALREADY_EXISTS = 6;
/** protobufjs encodes a plain number into an int64 field; the generated type names only `Long`. */
const retention = {
  seconds: RETENTION_SECONDS,
} as unknown as temporal.api.workflowservice.v1.IRegisterNamespaceRequest['workflowExecutionRetentionPeriod'];

/**
 * Registers the `default` namespace and the project's custom search attributes (the table in
 * workflows/src/searchAttributes.ts) on a cluster; what is already there is left alone.
 */
export async function ensureNamespace(frontend: string): Promise<void> {
  const connection = await Connection.connect({ address: frontend });
  try {
    await connection.workflowService
      .registerNamespace({ namespace: NAMESPACE, workflowExecutionRetentionPeriod: retention })
      .catch((error: { code?: number }) => {
        if (error.code !== ALREADY_EXISTS) throw error;
      });
    await waitUntil(
      `namespace ${NAMESPACE}`,
      async () => Boolean(await connection.workflowService.describeNamespace({ namespace: NAMESPACE })),
      60_000,
    );
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: NAMESPACE });
    const missing = Object.entries(SEARCH_ATTRIBUTE_TYPES).filter(([name]) => !customAttributes?.[name]);
    if (missing.length === 0) return;
    const searchAttributes = Object.fromEntries(missing.map(([name, type]) => [name, indexedValueType(type)]));
    await connection.operatorService.addSearchAttributes({ namespace: NAMESPACE, searchAttributes });
  } finally {
    await connection.close();
  }
}

/** `Keyword` → INDEXED_VALUE_TYPE_KEYWORD. */
function indexedValueType(type: string): temporal.api.enums.v1.IndexedValueType {
  const value =
    temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${type.toUpperCase()}` as 'INDEXED_VALUE_TYPE_KEYWORD'];
  if (value === undefined) throw new Error(`unknown search attribute type ${type}`);
  return value;
}
