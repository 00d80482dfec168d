import { Types } from 'mongoose';
import { discardKnownDrafts, Draft, DraftTransition, LiveDraft } from '@follow-ups/db';
import { useTestDb } from './testDb';

useTestDb('draft_bulk_moves');

const org = new Types.ObjectId();
const rule = new Types.ObjectId();

async function newDrafts(n: number, conversation = new Types.ObjectId()) {
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      Draft.create({
        organization: org,
        conversation,
        kind: 'followup',
        rule,
        step: i + 1,
        triggerMail: { from: { address: 'alex@seller.test' } },
        sendAt: new Date(),
        messageId: `<${new Types.ObjectId().toHexString()}@follow-ups.test>`,
      }),
    ),
  );
}

const statusesOf = async (ds: { _id: Types.ObjectId }[]) => {
  const now = await Draft.find({ _id: { $in: ds.map((d) => d._id) } }, { status: 1 }).lean();
  return ds.map((d) => now.find((n) => n._id.equals(d._id))!.status);
};
const liveCount = (ds: { _id: Types.ObjectId }[]) => LiveDraft.countDocuments({ _id: { $in: ds.map((d) => d._id) } });

describe('bulk draft moves (draftBulkMoves.ts)', () => {
  it('discards every draft in one pass: one transition each, LiveDraft entries gone; a second pass moves none', async () => {
    const drafts = await newDrafts(3);
    const live = await LiveDraft.find({ _id: { $in: drafts.map((d) => d._id) } }).lean();
    expect(live.map((l) => [l.step, String(l.rule), l.sender])).toEqual(
      expect.arrayContaining([1, 2, 3].map((step) => [step, String(rule), 'alex@seller.test'])),
    );
    const { moved, at } = await discardKnownDrafts(drafts, 'reply received');
    expect(moved).toEqual([true, true, true]);
    expect(await statusesOf(drafts)).toEqual(['discarded', 'discarded', 'discarded']);
    const after = await Draft.find({ _id: { $in: drafts.map((d) => d._id) } }).lean();
    expect(after.every((d) => d.reason === 'reply received' && d.statusChangedAt.getTime() === at.getTime())).toBe(
      true,
    );
    expect(await liveCount(drafts)).toBe(0);
    expect(await DraftTransition.countDocuments({ draft: { $in: drafts.map((d) => d._id) } })).toBe(3);
    expect((await discardKnownDrafts(drafts, 'reply received')).moved).toEqual([false, false, false]);
    expect(await DraftTransition.countDocuments({ draft: { $in: drafts.map((d) => d._id) } })).toBe(3);
  });

  it('racing claims: each draft has exactly one winner, and shows it', async () => {
    for (let round = 0; round < 4; round++) {
      const drafts = await newDrafts(4);
      const [claims, bulk] = await Promise.all([
        Promise.all(drafts.map((d) => Draft.claimForSending(d._id))),
        discardKnownDrafts(drafts, 'reply received'),
      ]);
      expect(drafts.map((_, i) => Number(claims[i]) + Number(bulk.moved[i]))).toEqual([1, 1, 1, 1]);
      expect(await statusesOf(drafts)).toEqual(bulk.moved.map((m) => (m ? 'discarded' : 'sending')));
      expect(await liveCount(drafts)).toBe(claims.filter(Boolean).length);
    }
  });

  it('a loser repairs the winner that died before writing the draft', async () => {
    const [half, other] = await newDrafts(2);
    await DraftTransition.create({
      organization: org,
      draft: half!._id,
      from: 'scheduled',
      to: 'sending',
      at: new Date(),
    });
    expect((await discardKnownDrafts([half!, other!], 'reply received')).moved).toEqual([false, true]);
    expect(await statusesOf([half!, other!])).toEqual(['sending', 'discarded']);
    expect(await liveCount([half!])).toBe(1);
  });

  it('a draft a writer moved without a transition keeps that state; its transition is withdrawn', async () => {
    const [bypassed, other] = await newDrafts(2);
    // Straight onto the collection: no transition, no middleware (as a writer that bypasses them would).
    await Draft.collection.updateOne({ _id: bypassed!._id }, { $set: { status: 'failed' } });
    expect((await discardKnownDrafts([bypassed!, other!], 'reply received')).moved).toEqual([false, true]);
    expect(await statusesOf([bypassed!, other!])).toEqual(['failed', 'discarded']);
    expect(await DraftTransition.countDocuments({ draft: bypassed!._id })).toBe(0);
    expect(await DraftTransition.countDocuments({ draft: other!._id })).toBe(1);
  });
});
