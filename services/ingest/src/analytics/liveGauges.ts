import type { Client } from '@temporalio/client';
import { quoteQueryValue as quote, searchAttributes as keys, workflowTypes } from '@follow-ups/workflows';

/**
 * Sequences of the rule running now, and of those the paused ones: gauges read from Temporal's
 * visibility (the search attributes the workflows keep), not counted, so they can never drift.
 */
export async function liveGauges(
  client: Client,
  organization: string,
  rule: string,
  sender?: string,
): Promise<{ active: number; paused: number }> {
  const running = [
    `WorkflowType = ${quote(workflowTypes.followUpSequence)}`,
    `ExecutionStatus = 'Running'`,
    `${keys.organization.name} = ${quote(organization)}`,
    `${keys.rule.name} = ${quote(rule)}`,
    ...(sender ? [`${keys.sender.name} = ${quote(sender)}`] : []),
  ].join(' AND ');
  const [active, paused] = await Promise.all([
    client.workflow.count(running),
    client.workflow.count(`${running} AND ${keys.status.name} = 'paused'`),
  ]);
  return { active: active.count, paused: paused.count };
}
