// Several matching rules on one message: they run in alphabetical order of description, all add
// their labels, and their follow-ups form ONE sequence of the conversation, sorted by send time.
import request from 'supertest';
import type { TestApp } from '../helpers/testApp';
import { useAppWithWorker } from '../helpers/backgroundWorker';
import { createRule, outcome, send, setupOrg, TRIGGER, workflowRuns, type Condition } from './fixtures';

const onTrigger: Condition[] = [{ field: 'content', operator: 'contains', values: [TRIGGER] }];
const DAY = 86_400;

// Delays are real days: the worker sends nothing here, it answers the sequences' queries.
const app = useAppWithWorker();
let testApp: TestApp;
beforeAll(() => {
  testApp = app();
});

it('two matching rules both add their labels', async () => {
  const org = await setupOrg(testApp);
  const labelOnly = (label: string) => [{ type: 'add_labels', labels: [label] }];
  await createRule(testApp, org, { description: 'Tag quotes', items: onTrigger, actions: labelOnly(org.labels[0]) });
  await createRule(testApp, org, {
    description: 'Also tag quotes',
    items: onTrigger,
    actions: labelOnly(org.labels[1]),
  });

  const o = await outcome(testApp, org, await send(testApp, org));
  expect([...o.labels].sort()).toEqual([...org.labels].sort());
  // Labels alone schedule nothing.
  expect(o).toMatchObject({ drafts: [], sequence: null });
});

it("two scheduling rules make one sequence holding both rules' steps, sorted by time, ties in alphabetical order", async () => {
  const org = await setupOrg(testApp);
  // Created first, and "B" sorts before "a" by code point: only a case-insensitive alphabetical
  // order puts "alpha…" first.
  const beta = await createRule(testApp, org, {
    description: 'Beta follow ups',
    items: onTrigger,
    delays: [1, 2],
    label: org.labels[1],
  });
  const alpha = await createRule(testApp, org, {
    description: 'alpha follow ups',
    items: onTrigger,
    delays: [1, 3],
    label: org.labels[0],
  });

  const conversation = await send(testApp, org);
  const { drafts, sequence, labels } = await outcome(testApp, org, conversation);
  expect([...labels].sort()).toEqual([...org.labels].sort());
  expect(drafts.map((d) => [d.step, d.rule, d.status])).toEqual([
    [1, alpha, 'scheduled'],
    [2, beta, 'scheduled'],
    [3, beta, 'scheduled'],
    [4, alpha, 'scheduled'],
  ]);
  const t0 = drafts[0].send_at!;
  expect(drafts.map((d) => d.send_at! - t0)).toEqual([0, 0, DAY, 2 * DAY]);

  // One workflow for the conversation, attributed to the first rule in run order.
  expect(sequence).toMatchObject({ status: 'active' });
  expect(await workflowRuns(testApp, conversation)).toHaveLength(1);
  const detail = (
    await request(testApp.app)
      .get(`/v1/sequences/${encodeURIComponent(sequence!.id)}`)
      .set(org.auth)
      .expect(200)
  ).body.sequences;
  expect(detail.rule).toBe(alpha);
  expect(detail.steps.map((s: { step: number; draft: string }) => [s.step, s.draft])).toEqual(
    drafts.map((d) => [d.step, d.id]),
  );
});

it("a rule that only adds labels does not become the sequence's rule, even when it runs first", async () => {
  const org = await setupOrg(testApp);
  await createRule(testApp, org, {
    description: 'A label first',
    items: onTrigger,
    actions: [{ type: 'add_labels', labels: [org.labels[1]] }],
  });
  const scheduler = await createRule(testApp, org, { description: 'Z follow ups', items: onTrigger, delays: [2] });

  const { drafts, sequence } = await outcome(testApp, org, await send(testApp, org));
  expect(drafts.map((d) => d.rule)).toEqual([scheduler]);
  const detail = (
    await request(testApp.app)
      .get(`/v1/sequences/${encodeURIComponent(sequence!.id)}`)
      .set(org.auth)
      .expect(200)
  ).body.sequences;
  expect(detail.rule).toBe(scheduler);
});
