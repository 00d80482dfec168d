// countSequenceStart: the conversation's counting state is the start's mark (one write fewer per trigger);
// a follow-up notes its step in its write of the conversation; sequences counted before keep their row.
import { Types } from 'mongoose';
import {
  AnalyticsSequence,
  Conversation,
  countedSequence,
  countInboundMail,
  countSequenceStart,
  noteStepSent,
} from '@follow-ups/db';
import { commandsOf } from '../helpers/commandProfile';
import { useTestDb } from '../db/testDb';
import { weekCounters } from './weekCounters';

useTestDb('analytics_sequence_start');

const organization = String(new Types.ObjectId());
const conversation = String(new Types.ObjectId());
const rule = String(new Types.ObjectId());
const at = new Date('2026-12-03T10:00:00Z');
const start = (trigger: string) => ({
  organization,
  conversation,
  rule,
  sender: 'Alex@Seller.test',
  trigger,
  at,
  steps: [1, 2, 3],
});
const counters = () => weekCounters(organization, rule, at);

beforeAll(async () => {
  await Conversation.create({ _id: conversation, organization });
});

it('counts a start once, however often and concurrently its trigger is re-run, and never moves the row back', async () => {
  const first = await Promise.all(Array.from({ length: 6 }, () => countSequenceStart(start('t1'))));
  expect(first.filter(Boolean)).toHaveLength(1);
  expect((await counters()).all).toEqual({
    seq: { started: 1 },
    1: { scheduled: 1 },
    2: { scheduled: 1 },
    3: { scheduled: 1 },
  });
  expect((await counters()).by['alex%40seller%2Etest'].seq.started).toBe(1);

  await noteStepSent(organization, conversation, 't1', 1, new Date(at.getTime() + 86_400_000));
  expect(await countSequenceStart(start('t1'))).toBe(false); // the outbox re-running the trigger
  expect(await countedSequence(organization, conversation)).toMatchObject({ trigger: 't1', step: 1 });
  expect((await counters()).all.seq.started).toBe(1);
});

it('counts the next trigger of the conversation as a new start, from step 0', async () => {
  expect(await countSequenceStart(start('t2'))).toBe(true);
  expect(await countedSequence(organization, conversation)).toMatchObject({ trigger: 't2', step: 0 });
  expect((await counters()).all.seq.started).toBe(2);
});

it("notes a step in the same write as the sent mail's thread entry, and a retry changes nothing", async () => {
  const sentAt = new Date(at.getTime() + 3 * 86_400_000);
  const thread = { $set: { lastActivityAt: sentAt }, $addToSet: { thread: '<fu2@seller.test>' } };
  const first = await commandsOf(() => noteStepSent(organization, conversation, 't2', 2, sentAt, thread));
  expect(first.total).toBe(1);
  const retry = () => noteStepSent(organization, conversation, 't2', 2, new Date(sentAt.getTime() + 1), thread);
  expect((await commandsOf(retry)).total).toBe(2); // the step stays; the thread write is made alone
  const kept = await Conversation.findById(conversation).lean();
  expect(kept?.thread).toEqual(['<fu2@seller.test>']);
  expect(await countedSequence(organization, conversation)).toMatchObject({ trigger: 't2', step: 2, sentAt });
  // An older trigger's late follow-up moves nothing.
  await noteStepSent(organization, conversation, 't1', 3, new Date(sentAt.getTime() + 5));
  expect(await countedSequence(organization, conversation)).toMatchObject({ trigger: 't2', step: 2 });
});

it('a reply counts on the state its own write of the conversation returned, reading nothing more', async () => {
  const known = await countedSequence(organization, conversation);
  const reply = () =>
    countInboundMail(
      organization,
      conversation,
      'reply',
      '<r1@p.test>',
      new Date(at.getTime() + 3 * 86_400_000), // in the counters' week
      { from: 'p', subject: 's' },
      [],
      known,
    );
  const { total, by } = await commandsOf(reply);
  expect(Object.keys(by).filter((k) => k.startsWith('find'))).toEqual([]);
  expect(total).toBe(2); // its mark and the counter
  expect((await counters()).all[2]).toMatchObject({ replies: 1 });
});

it('a sequence counted before the state moved onto the conversation is still read and advanced from its row', async () => {
  const old = String(new Types.ObjectId());
  await Conversation.create({ _id: old, organization });
  await AnalyticsSequence.create({
    _id: `${organization}|${old}`,
    rule,
    sender: 'a@b.test',
    trigger: 't0',
    step: 1,
    sentAt: at,
  });
  expect(await countedSequence(organization, old)).toMatchObject({ trigger: 't0', step: 1 });
  await noteStepSent(organization, old, 't0', 2, new Date(at.getTime() + 1000), { $addToSet: { thread: '<x@y>' } });
  expect(await countedSequence(organization, old)).toMatchObject({ trigger: 't0', step: 2 });
  expect((await Conversation.findById(old).lean())?.thread).toEqual(['<x@y>']);
  expect(await countInboundMail(organization, old, 'reply', '<r@p.test>', new Date(), undefined, [], null)).toBe(true);
});
