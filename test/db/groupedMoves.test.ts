// Concurrent draft moves share their writes (groupWrite.ts, draftMoves.ts): one update command for the
// drafts, one delete for their LiveDraft entries, one insert for their transitions; a command in which
// one statement found nothing still tells each caller its own outcome (it reads its draft), on FerretDB.
import { Types } from 'mongoose';
import { Draft, DraftTransition, groupUpdate, LiveDraft } from '@follow-ups/db';
import { commandsOf } from '../helpers/commandProfile';
import { useTestDb } from './testDb';

useTestDb('grouped_moves');

const org = new Types.ObjectId();

const newDrafts = (n: number) =>
  Promise.all(
    Array.from({ length: n }, (_, i) =>
      Draft.create({
        organization: org,
        conversation: new Types.ObjectId(),
        kind: 'followup',
        rule: new Types.ObjectId(),
        step: i + 1,
        triggerMail: { from: { address: 'alex@seller.test' } },
        sendAt: new Date(),
        messageId: `<${new Types.ObjectId().toHexString()}@follow-ups.test>`,
      }),
    ),
  );
const ids = (ds: { _id: Types.ObjectId }[]) => ({ $in: ds.map((d) => d._id) });
const statusesOf = async (ds: { _id: Types.ObjectId }[]) => {
  const now = await Draft.find({ _id: ids(ds) }, { status: 1 }).lean();
  return ds.map((d) => now.find((n) => n._id.equals(d._id))!.status);
};

describe('grouped draft moves', () => {
  it('four concurrent moves share each command: transitions inserted once, drafts updated once, LiveDraft entries deleted once', async () => {
    const drafts = await newDrafts(4);
    const sent = new Types.ObjectId();
    const { by } = await commandsOf(() =>
      Promise.all(drafts.map((d) => Draft.markSent(d._id, sent, d.toObject()))).then((moved) =>
        expect(moved).toEqual([false, false, false, false]),
      ),
    );
    // Sent before any claim: the transitions went in, no draft was in `sending`, each caller read its own and withdrew.
    expect(by['insert drafttransitions']).toBe(1);
    expect(by['update drafts {_id,status}']).toBe(1);
    expect(await DraftTransition.countDocuments({ draft: ids(drafts) })).toBe(0);

    const claims = await commandsOf(() =>
      Promise.all(drafts.map((d) => Draft.claimForSending(d._id, d.toObject()))).then((won) =>
        expect(won).toEqual([true, true, true, true]),
      ),
    );
    expect(claims.by['insert drafttransitions']).toBe(1);
    expect(claims.by['update drafts {_id,status}']).toBe(1);
    expect(await LiveDraft.countDocuments({ _id: ids(drafts) })).toBe(4); // sending is live

    const sends = await commandsOf(() =>
      Promise.all(drafts.map((d) => Draft.markRecordedSent(d.toObject(), new Types.ObjectId()))).then((moved) =>
        expect(moved).toEqual([true, true, true, true]),
      ),
    );
    expect(sends.by['update drafts {_id,status}']).toBe(1);
    expect(sends.by['delete livedrafts']).toBe(1);
    expect(await statusesOf(drafts)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(await LiveDraft.countDocuments({ _id: ids(drafts) })).toBe(0);
  });

  it('a command where one draft was elsewhere: the others are moved and told so, that one is not', async () => {
    const drafts = await newDrafts(3);
    // The middle one left `scheduled` behind the transitions' back (by hand): its claim must fail alone.
    await Draft.collection.updateOne({ _id: drafts[1]!._id }, { $set: { status: 'failed' } });
    const won = await Promise.all(drafts.map((d) => Draft.claimForSending(d._id, d.toObject())));
    expect(won).toEqual([true, false, true]);
    expect(await statusesOf(drafts)).toEqual(['sending', 'failed', 'sending']);
    // The loser's transition is withdrawn; the winners' stand.
    expect(await DraftTransition.countDocuments({ draft: drafts[1]!._id })).toBe(0);
    expect(await DraftTransition.countDocuments({ draft: { $in: [drafts[0]!._id, drafts[2]!._id] } })).toBe(2);

    // The sent moves: one of them names a Message that is not the one its draft took (a stale caller).
    const messages = drafts.map(() => new Types.ObjectId());
    await Draft.collection.updateOne({ _id: drafts[2]!._id }, { $set: { status: 'unknown' } });
    const moved = await Promise.all(
      [drafts[0]!, drafts[2]!].map((d, i) => Draft.markRecordedSent(d.toObject(), messages[i]!)),
    );
    expect(moved).toEqual([true, false]);
    expect(await statusesOf(drafts)).toEqual(['sent', 'failed', 'unknown']);
    expect(String((await Draft.findById(drafts[0]!._id).lean())!.sentMessage)).toBe(String(messages[0]));
    expect(await LiveDraft.exists({ _id: drafts[0]!._id })).toBeNull();
    expect(await LiveDraft.exists({ _id: drafts[2]!._id })).not.toBeNull();
  });

  it('groupUpdate answers true when all its command matched, null when one did not', async () => {
    const drafts = await newDrafts(3);
    const set = { $set: { reason: 'grouped' } };
    const all = await Promise.all(drafts.map((d) => groupUpdate(Draft, { _id: d._id, status: 'scheduled' }, set)));
    expect(all).toEqual([true, true, true]);
    const some = await Promise.all(
      drafts.map((d, i) => groupUpdate(Draft, { _id: d._id, status: i === 0 ? 'sent' : 'scheduled' }, set)),
    );
    expect(some).toEqual([null, null, null]);
  });
});
