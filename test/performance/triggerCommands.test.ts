// MongoDB commands of one trigger: POST /v1/drafts with `send: true` matching the "Automatic follow ups"
// template rule, which starts a sequence (issue 23). Printed per command; the warm count is bounded.
import request from 'supertest';
import { Conversation, Draft, LiveDraft, Message } from '@follow-ups/db';
import { Types } from 'mongoose';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { commandsOf } from '../helpers/commandProfile';
import { useTestApp, type TestApp } from '../helpers/testApp';
import { addQuoteRule, sendQuote } from './quoteTrigger';

/** What a trigger may cost once the process's caches are warm (10 with the analytics counter lock; issue 23's goal: 4). */
const WARM_GOAL = 8;
/** The benchmark's concurrency, and the commands per trigger when that many come at once. */
const BURST = 16;
/**
 * 6.88 per trigger before the group commit of the trigger's writes (issue 23), 4.4 with it on an idle
 * machine: the inserts of concurrent triggers into one collection go as one insertMany, their
 * rulesPending clears as one update. How much they share depends on timing (printed); the bounds
 * leave room for that and still fail without the grouping.
 */
const BURST_GOAL = 6;
/**
 * The grouped writes (messages, conversations, drafts, livedrafts inserts; rulesPending clears): exactly 5
 * per trigger without the grouping; 1.5–3.4 with it in runs here (the batches depend on timing, so the
 * bound only asks that some were shared).
 */
const GROUPED = /^(insert (messages|conversations|drafts|livedrafts)|update messages \{_id\})$/;
const BURST_GROUPED_GOAL = 4.5;

const testApp = useTestApp({ taskQueue: `trigger-commands-${Date.now().toString(36)}` });
type Org = Awaited<ReturnType<TestApp['newOrganization']>>;
let org: Org;

beforeAll(async () => {
  org = await testApp.newOrganization();
  await addQuoteRule(testApp, org, { label: { name: 'Follow-up in progress' } });
});

const trigger = (i: number) =>
  sendQuote(testApp, org, { address: `p${i}@prospect.test`, name: `Pat Prospect ${i}` }, `Your quote ${i}`);

/** Sends trigger `i`, prints its commands, checks the sequence and its three drafts exist; returns the count. */
async function measured(label: string, i: number): Promise<number> {
  let res: request.Response | undefined;
  const { total, by } = await commandsOf(async () => {
    res = await trigger(i);
  });
  expect(res!.status).toBe(201);
  const conversation = res!.body.drafts.conversation as string;
  const lines = Object.entries(by)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, n]) => `  ${key}: ${n}`);
  console.log(`${label} trigger: ${total} MongoDB commands\n${lines.join('\n')}`);

  const drafts = await Draft.find({ conversation }).lean();
  for (const d of drafts) {
    // Inserted without hydration: the types and defaults a document would have had.
    for (const id of [d._id, d.organization, d.conversation, d.rule, d.response, d.triggerMessage])
      expect(id).toBeInstanceOf(Types.ObjectId);
    for (const at of [d.sendAt, d.statusChangedAt, d.createdAt, d.updatedAt]) expect(at).toBeInstanceOf(Date);
    expect(d.autoFollowup).toBe(false);
    expect(d.triggerMail?.to[0]).toEqual({
      address: expect.stringMatching(/@prospect\.test$/),
      name: expect.any(String),
    });
  }
  expect(drafts.map((d) => [d.kind, d.status, d.step])).toEqual([
    ['followup', 'scheduled', 1],
    ['followup', 'scheduled', 2],
    ['followup', 'scheduled', 3],
  ]);
  expect(await LiveDraft.countDocuments({ conversation })).toBe(3);
  const stored = await Conversation.findById(conversation).lean();
  expect(stored?.organization).toEqual(new Types.ObjectId(org.id));
  expect(stored?.labels).toHaveLength(1); // the rule's label, written with the conversation
  expect(stored?.labels[0]).toBeInstanceOf(Types.ObjectId);
  expect(stored?.createdAt).toBeInstanceOf(Date);
  expect((await Message.findById(res!.body.drafts.message).lean())?.rulesPending).toBe(false);
  const described = await testApp.deps.temporal.workflow.getHandle(sequenceWorkflowId(org.id, conversation)).describe();
  expect(described.status.name).toBe('RUNNING');
  expect(described.memo?.draftIds).toEqual(drafts.map((d) => String(d._id)));
  return total;
}

it('a trigger starts its sequence in at most the goal of commands once the caches are warm', async () => {
  const cold = await measured('cold (first of the organization)', 1);
  const warm = [await measured('warm', 2), await measured('warm', 3)];
  expect(Math.max(...warm)).toBeLessThanOrEqual(WARM_GOAL);
  expect(cold).toBeGreaterThanOrEqual(Math.max(...warm));
});

it(`${BURST} triggers at once share round trips: commands per trigger, as the benchmark's concurrency sends them`, async () => {
  let responses: request.Response[] = [];
  const { total, by } = await commandsOf(async () => {
    responses = await Promise.all(Array.from({ length: BURST }, (_, i) => trigger(100 + i)));
  });
  expect(responses.map((r) => r.status)).toEqual(Array(BURST).fill(201));
  const lines = Object.entries(by)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, n]) => `  ${key}: ${(n / BURST).toFixed(2)}`);
  console.log(`${BURST} at once: ${(total / BURST).toFixed(2)} MongoDB commands per trigger\n${lines.join('\n')}`);
  for (const res of responses) {
    const conversation = res.body.drafts.conversation as string;
    expect(await Draft.countDocuments({ conversation, status: 'scheduled' })).toBe(3);
    expect((await Message.findById(res.body.drafts.message).lean())?.rulesPending).toBe(false);
  }
  const grouped = Object.entries(by).reduce((sum, [key, n]) => sum + (GROUPED.test(key) ? n : 0), 0);
  console.log(`${BURST} at once: ${(grouped / BURST).toFixed(2)} grouped writes per trigger`);
  expect(grouped / BURST).toBeLessThanOrEqual(BURST_GROUPED_GOAL);
  expect(total / BURST).toBeLessThanOrEqual(BURST_GOAL);
});
