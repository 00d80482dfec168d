// Shared setup of the rules-engine tests: an organization with a canned response, labels and teams;
// rules created through the API; messages sent through POST /v1/drafts; what they started.
import request from 'supertest';
import { Team } from '@follow-ups/db';
import type { TestApp } from '../helpers/testApp';

export const TRIGGER = 'Here is the quote you requested';
export const SENDER = { address: 'alex@seller.test', name: 'Alex Seller' };
export const PROSPECT = { address: 'jane@prospect.test', name: 'Jane Doe' };

export type Condition = { field: string; operator: string; values: string[] };
export type Org = Awaited<ReturnType<TestApp['newOrganization']>>;
export type Setup = Org & { response: string; labels: string[]; teams: string[] };
export type ApiDraft = {
  id: string;
  status: string;
  kind: string;
  step?: number | null;
  rule?: string | null;
  send_at?: number | null;
  reason?: string | null;
};

/** A fresh organization with one canned response, two shared labels and two teams. */
export async function setupOrg(
  testApp: TestApp,
  responseBody = "Hi {{ recipient.first_name | default: 'there' }}, just checking in.",
): Promise<Setup> {
  const org = await testApp.newOrganization();
  const api = request(testApp.app);
  const response = (
    await api
      .post('/v1/responses')
      .set(org.auth)
      .send({ responses: [{ title: 'Nudge', body: responseBody }] })
      .expect(201)
  ).body.responses[0].id;
  const labels = (
    await request(testApp.app)
      .post('/v1/shared_labels')
      .set(org.auth)
      .send({ shared_labels: [{ name: 'Label one' }, { name: 'Label two' }] })
      .expect(201)
  ).body.shared_labels.map((l: { id: string }) => l.id);
  const teams = await Promise.all(
    ['Sales', 'Support'].map(async (name) => String((await Team.create({ organization: org.id, name }))._id)),
  );
  return { ...org, response, labels, teams };
}

/** Creates a rule through the API: by default it schedules one follow-up after 1 day and adds the first label. */
export async function createRule(
  testApp: TestApp,
  org: Setup,
  rule: {
    description?: string;
    match?: 'all' | 'any';
    items: Condition[];
    enabled?: boolean;
    actions?: object[];
    delays?: number[];
    label?: string;
  },
): Promise<string> {
  const delays = rule.delays ?? [1];
  const actions = rule.actions ?? [
    ...delays.map((days) => ({
      type: 'schedule_followup',
      response: org.response,
      send_after: { amount: days, unit: 'days' },
    })),
    { type: 'add_labels', labels: [rule.label ?? org.labels[0]] },
  ];
  const res = await request(testApp.app)
    .post('/v1/rules')
    .set(org.auth)
    .send({
      rules: {
        description: rule.description ?? 'Automatic follow ups',
        enabled: rule.enabled ?? true,
        conditions: { match: rule.match ?? 'all', items: rule.items },
        actions,
      },
    });
  if (res.status !== 201) throw new Error(`POST /v1/rules answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.rules.id;
}

/** Sends a message now through POST /v1/drafts (the path that runs the outgoing rules); returns its conversation. */
export async function send(testApp: TestApp, org: Org, fields: Record<string, unknown> = {}): Promise<string> {
  const draft = {
    subject: 'Your quote',
    body: `<p>Hi Jane,</p><p>${TRIGGER}: 12 seats.</p>`,
    from_field: SENDER,
    to_fields: [PROSPECT],
    send: true,
    ...fields,
  };
  const res = await request(testApp.app).post('/v1/drafts').set(org.auth).send({ drafts: draft });
  if (res.status !== 201) throw new Error(`POST /v1/drafts answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.drafts.conversation;
}

/** What the rules did to a conversation: its follow-up drafts, its sequence, its labels. */
export async function outcome(testApp: TestApp, org: Org, conversation: string) {
  const [conv, drafts] = await Promise.all([
    request(testApp.app).get(`/v1/conversations/${conversation}`).set(org.auth).expect(200),
    request(testApp.app).get(`/v1/conversations/${conversation}/drafts`).set(org.auth).expect(200),
  ]);
  const c = conv.body.conversations[0];
  return {
    drafts: drafts.body.drafts as ApiDraft[],
    sequence: c.sequence as { id: string; status?: string } | null,
    labels: (c.shared_labels as { id: string }[]).map((l) => l.id),
  };
}

/** True when the rule ran on the conversation (sequence + follow-up + label), false when nothing happened; throws on a mix. */
export async function ruleRan(testApp: TestApp, org: Setup, conversation: string): Promise<boolean> {
  const o = await outcome(testApp, org, conversation);
  if (o.sequence === null && o.drafts.length === 0 && o.labels.length === 0) return false;
  if (
    o.sequence !== null &&
    o.drafts.length === 1 &&
    o.drafts[0].kind === 'followup' &&
    o.drafts[0].status === 'scheduled' &&
    o.labels.length === 1
  )
    return true;
  throw new Error(`half-applied rule: ${JSON.stringify(o)}`);
}

/** Runs of the conversation's sequence workflow, as Temporal's visibility lists them. */
export async function workflowRuns(testApp: TestApp, conversation: string) {
  const runs = [];
  for await (const wf of testApp.deps.temporal.workflow.list({ query: `ConversationId = '${conversation}'` }))
    runs.push(wf);
  return runs;
}
