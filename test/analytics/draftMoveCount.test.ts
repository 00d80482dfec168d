// A follow-up's move counts once with no mark of its own: the (draft, from) transition insert that
// lets one mover through is the event's mark (analytics/draftMove.ts).
import { Types } from 'mongoose';
import { AnalyticsMark, Draft } from '@follow-ups/db';
import { commandsOf } from '../helpers/commandProfile';
import { useTestDb } from '../db/testDb';
import { weekCounters } from './weekCounters';

useTestDb('analytics_draft_move');

const organization = new Types.ObjectId();
const rule = new Types.ObjectId();

it('counts a sent follow-up once, however many movers race or retry, without inserting a mark', async () => {
  const draft = await Draft.create({
    organization,
    conversation: new Types.ObjectId(),
    kind: 'followup',
    rule,
    step: 2,
    triggerMail: { from: { address: 'Alex@Seller.test' } },
    sendAt: new Date(),
    messageId: `<${new Types.ObjectId().toHexString()}@follow-ups.test>`,
  });
  expect(await Draft.claimForSending(draft._id)).toBe(true);
  const message = new Types.ObjectId();
  const { by } = await commandsOf(async () => {
    const won = await Promise.all(Array.from({ length: 8 }, () => Draft.markSent(draft._id, message)));
    expect(won.filter(Boolean)).toHaveLength(1);
  });
  expect(by['insert analyticsmarks']).toBeUndefined();
  expect(by['update analyticscounters {_id}']).toBe(1);
  expect(await Draft.markSent(draft._id, message)).toBe(false); // a retried activity
  const sentAt = (await Draft.findById(draft._id, { statusChangedAt: 1 }).lean())!.statusChangedAt; // the move's week
  const counted = await weekCounters(String(organization), String(rule), sentAt);
  expect(counted.all['2']).toEqual({ sent: 1 });
  expect(counted.by['alex%40seller%2Etest']['2']).toEqual({ sent: 1 });
  expect(await AnalyticsMark.countDocuments()).toBe(0);
});
