// Ingest throughput: POST /v1/drafts (send: true, matching the template rule, each starting a
// sequence) against a raw `client.workflow.start` loop on the same Temporal server.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { ApiToken, Organization } from '@follow-ups/db';
import type { FollowUpSequenceInput } from '@follow-ups/workflows';
import { runConcurrently } from './measure';

export const TRIGGER = 'Here is the quote you requested';
export const SENDER = { address: 'alex@seller.test', name: 'Alex Seller' };
export const prospect = (i: number) => ({ address: `p${i}@prospect.test`, name: `Pat Prospect ${i}` });

export type Tenant = { organizationId: string; auth: { Authorization: string }; ruleId: string };

/** An organization with an API token and the "Automatic follow ups" template rule, through the API. */
export async function setUpTenant(url: string): Promise<Tenant> {
  const org = await Organization.create({ name: 'Bench Sales' });
  const auth = { Authorization: `Bearer ${await ApiToken.issueToken(org._id, 'bench')}` };
  const res = await fetch(`${url}/v1/rules/templates/automatic-follow-ups`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      trigger_phrase: TRIGGER,
      senders: [SENDER.address],
      label: { name: 'Follow-up in progress' },
    }),
  });
  if (res.status !== 201) throw new Error(`template rule: ${res.status} ${await res.text()}`);
  const { rules } = (await res.json()) as { rules: { id: string } };
  return { organizationId: String(org._id), auth, ruleId: rules.id };
}

export type Ingested = { index: number; conversation: string };

/** `count` drafts sent to prospects first..first+count-1; stops starting new ones after `budgetMs`. */
export async function ingestDrafts(
  url: string,
  tenant: Tenant,
  options: { first: number; count: number; concurrency: number; budgetMs?: number },
) {
  const ingested: Ingested[] = [];
  const failures: string[] = [];
  const run = await runConcurrently(
    options.count,
    options.concurrency,
    async (i) => {
      const index = options.first + i;
      const res = await fetch(`${url}/v1/drafts`, {
        method: 'POST',
        headers: { ...tenant.auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          drafts: {
            subject: `Your quote ${index}`,
            body: `<p>Hi Pat,</p><p>${TRIGGER}: 12 seats, $4,800/yr.</p>`,
            from_field: SENDER,
            to_fields: [prospect(index)],
            send: true,
          },
        }),
      });
      const body = (await res.json()) as { drafts?: { conversation: string } };
      if (res.status === 201 && body.drafts) ingested.push({ index, conversation: body.drafts.conversation });
      else failures.push(`${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    },
    options.budgetMs,
  );
  return { ingested, failures, perSecond: (run.done / run.ms) * 1000, done: run.done };
}

/** The same number of bare workflow starts, same concurrency, on a task queue no worker polls. */
export async function rawStarts(client: Client, options: { count: number; concurrency: number }) {
  const taskQueue = `bench-raw-${randomUUID()}`;
  const input = (i: number): FollowUpSequenceInput => ({
    version: 1,
    organizationId: 'raw',
    conversationId: `raw-${i}`,
    triggerMessageId: 'raw',
    ruleId: null,
    ruleDescription: null,
    sender: SENDER.address,
    recipient: prospect(i).address,
    subject: 'raw',
    steps: [],
  });
  const run = await runConcurrently(options.count, options.concurrency, async (i) => {
    await client.workflow.start('followUpSequence', { taskQueue, workflowId: `${taskQueue}-${i}`, args: [input(i)] });
  });
  return { perSecond: (run.done / run.ms) * 1000 };
}
