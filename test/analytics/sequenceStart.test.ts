// countSequenceStart: the conversation's counting row is the start's mark (one write fewer per trigger).
import { Types } from 'mongoose';
import { countedSequence, countSequenceStart, noteStepSent } from '@follow-ups/db';
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
