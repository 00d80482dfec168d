import { Types } from 'mongoose';
import { Draft, DraftTransition } from '@follow-ups/db';
import { useTestDb } from './testDb';

useTestDb('draft_transitions');

const org = new Types.ObjectId();

async function newDraft(conversation = new Types.ObjectId(), organization = org) {
  return Draft.create({
    organization,
    conversation,
    kind: 'followup',
    sendAt: new Date(),
    messageId: `<${new Types.ObjectId().toHexString()}@follow-ups.test>`,
  });
}

const statusOf = async (id: Types.ObjectId) => (await Draft.findById(id).lean())!.status;

describe('Draft transitions', () => {
  it('claimForSending: scheduled → sending once; a second claim is false', async () => {
    const d = await newDraft();
    expect(await Draft.claimForSending(d._id)).toBe(true);
    expect(await Draft.claimForSending(d._id)).toBe(false);
    const back = await Draft.findById(d._id).lean();
    expect(back!.status).toBe('sending');
    expect(back!.statusChangedAt.getTime()).toBeGreaterThanOrEqual(d.statusChangedAt.getTime());
  });

  it('claimForSending: exactly one of many concurrent claims wins', async () => {
    for (let round = 0; round < 5; round++) {
      const d = await newDraft();
      const results = await Promise.all(Array.from({ length: 12 }, () => Draft.claimForSending(d._id)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await statusOf(d._id)).toBe('sending');
    }
  });

  it('claims racing discards: exactly one caller wins and the draft shows the winner', async () => {
    for (let round = 0; round < 5; round++) {
      const d = await newDraft();
      const racers = Array.from({ length: 12 }, (_, i) =>
        i % 2
          ? Draft.claimForSending(d._id).then((won) => (won ? 'sending' : null))
          : Draft.discardOne(org, d._id, 'reply_received').then((won) => (won ? 'discarded' : null)),
      );
      const winners = (await Promise.all(racers)).filter(Boolean);
      expect(winners).toHaveLength(1);
      expect(await statusOf(d._id)).toBe(winners[0]);
    }
  });

  it('a claim that marks the draft in flight leaves the marker on whenever it wins, whoever applied the move', async () => {
    for (let round = 0; round < 5; round++) {
      const d = (await newDraft()).toObject();
      const inFlightSince = new Date();
      const racers = Array.from({ length: 12 }, (_, i) =>
        i % 3
          ? Draft.claimForSending(d._id, d, { inFlightSince }).then((won) => (won ? 'sending' : null))
          : Draft.discardOne(org, d._id, 'reply_received').then((won) => (won ? 'discarded' : null)),
      );
      const winners = (await Promise.all(racers)).filter(Boolean);
      expect(winners).toHaveLength(1);
      const back = (await Draft.findById(d._id).lean())!;
      expect(back.status).toBe(winners[0]);
      if (winners[0] === 'sending') expect(back.inFlightSince).toEqual(inFlightSince);
      else expect(back.inFlightSince).toBeUndefined();
    }
  });

  it('claim racing discardScheduled: exactly one wins', async () => {
    for (let round = 0; round < 5; round++) {
      const conversation = new Types.ObjectId();
      const d = await newDraft(conversation);
      const [claimed, discarded] = await Promise.all([
        Draft.claimForSending(d._id),
        Draft.discardScheduled({ organization: org, conversation }, 'reply_received'),
      ]);
      expect(Number(claimed) + discarded).toBe(1);
      expect(await statusOf(d._id)).toBe(claimed ? 'sending' : 'discarded');
    }
  });

  it('markSent: sending → sent records the message; not from scheduled', async () => {
    const d = await newDraft();
    const message = new Types.ObjectId();
    expect(await Draft.markSent(d._id, message)).toBe(false);
    expect(await Draft.claimForSending(d._id)).toBe(true);
    expect(await Draft.markSent(d._id, message)).toBe(true);
    expect(await Draft.markSent(d._id, message)).toBe(false);
    const back = await Draft.findById(d._id).lean();
    expect(back).toMatchObject({ status: 'sent', sentMessage: message });
    expect(back!.sentAt).toBeInstanceOf(Date);
  });

  it('markRecordedSent (the sent Message inserted decided it) writes no transition record; a retry then changes nothing', async () => {
    const d = (await newDraft()).toObject();
    expect(await Draft.claimForSending(d._id, d)).toBe(true);
    const message = new Types.ObjectId();
    expect(await Draft.markRecordedSent(d, message)).toBe(true);
    expect(await Draft.findById(d._id).lean()).toMatchObject({ status: 'sent', sentMessage: message });
    expect(await Draft.markRecordedSent(d, message)).toBe(false);
    expect(await Draft.markSent(d._id, message)).toBe(false); // a retry that found the Message recorded
    const trail = await DraftTransition.find({ draft: d._id }).lean();
    expect(trail.map((t) => `${t.from}>${t.to}`)).toEqual(['scheduled>sending']);
  });

  it('markRecordedSent racing a retry that marks the draft unknown: the loser changes nothing, and a sent draft keeps no other record', async () => {
    for (let round = 0; round < 5; round++) {
      const d = (await newDraft()).toObject();
      expect(await Draft.claimForSending(d._id, d, { inFlightSince: new Date() })).toBe(true);
      const [sent, unknown] = await Promise.all([
        Draft.markRecordedSent(d, new Types.ObjectId()),
        Draft.markUnknown(d._id, 'retried during the call'),
      ]);
      expect(sent || unknown).toBe(true);
      const status = await statusOf(d._id);
      // FerretDB overwrites: both may apply, the last one shows; either way nothing is sent again
      // (an `unknown` draft with its Message recorded is confirmed, never resent: resendUnknown).
      expect(['sent', 'unknown']).toContain(status);
      const moves = (await DraftTransition.find({ draft: d._id }).lean()).map((t) => `${t.from}>${t.to}`).sort();
      if (!unknown) {
        expect(status).toBe('sent');
        expect(moves).toEqual(['scheduled>sending']);
      }
      if (!sent) expect(status).toBe('unknown');
      // Later moves out of `sending` find the draft elsewhere.
      expect(await Draft.discardClaimed(d._id, 'reply received')).toBe(false);
      expect(await Draft.markUnknown(d._id, 'again')).toBe(false);
      expect(await statusOf(d._id)).toBe(status);
    }
  });

  it('markFailed: from sending or scheduled, with the reason; never from sent', async () => {
    const claimed = await newDraft();
    await Draft.claimForSending(claimed._id);
    expect(await Draft.markFailed(claimed._id, 'invalid_address')).toBe(true);
    expect(await Draft.findById(claimed._id).lean()).toMatchObject({ status: 'failed', reason: 'invalid_address' });

    const unclaimed = await newDraft();
    expect(await Draft.markFailed(unclaimed._id, 'unknown_response')).toBe(true);
    expect(await statusOf(unclaimed._id)).toBe('failed');
    expect(await Draft.claimForSending(unclaimed._id)).toBe(false);

    const sent = await newDraft();
    await Draft.claimForSending(sent._id);
    await Draft.markSent(sent._id, new Types.ObjectId());
    expect(await Draft.markFailed(sent._id, 'late')).toBe(false);
    expect(await statusOf(sent._id)).toBe('sent');
  });

  it('discardScheduled discards only the scheduled drafts of that conversation', async () => {
    const conversation = new Types.ObjectId();
    const sent = await newDraft(conversation);
    await Draft.claimForSending(sent._id);
    await Draft.markSent(sent._id, new Types.ObjectId());
    const sending = await newDraft(conversation);
    await Draft.claimForSending(sending._id);
    const s1 = await newDraft(conversation);
    const s2 = await newDraft(conversation);
    const otherConversation = await newDraft();
    const otherOrg = await newDraft(conversation, new Types.ObjectId());

    expect(await Draft.discardScheduled({ organization: org, conversation }, 'reply_received')).toBe(2);
    expect(await Draft.discardScheduled({ organization: org, conversation }, 'reply_received')).toBe(0);

    expect(await statusOf(sent._id)).toBe('sent');
    expect(await statusOf(sending._id)).toBe('sending');
    expect(await Draft.findById(s1._id).lean()).toMatchObject({ status: 'discarded', reason: 'reply_received' });
    expect(await statusOf(s2._id)).toBe('discarded');
    expect(await statusOf(otherConversation._id)).toBe('scheduled');
    expect(await statusOf(otherOrg._id)).toBe('scheduled');
  });

  it('discardOne: scheduled → discarded; false on a sent draft or another organization', async () => {
    const d = await newDraft();
    expect(await Draft.discardOne(new Types.ObjectId(), d._id, 'cancelled')).toBe(false);
    expect(await Draft.discardOne(org, d._id, 'cancelled')).toBe(true);
    expect(await Draft.findById(d._id).lean()).toMatchObject({ status: 'discarded', reason: 'cancelled' });
    expect(await Draft.claimForSending(d._id)).toBe(false);

    const sent = await newDraft();
    await Draft.claimForSending(sent._id);
    await Draft.markSent(sent._id, new Types.ObjectId());
    expect(await Draft.discardOne(org, sent._id, 'cancelled')).toBe(false);
    expect(await statusOf(sent._id)).toBe('sent');
  });

  it('unknown draft ids are false, not errors', async () => {
    const id = new Types.ObjectId();
    expect(await Draft.claimForSending(id)).toBe(false);
    expect(await Draft.markSent(id, new Types.ObjectId())).toBe(false);
    expect(await Draft.markFailed(id, 'x')).toBe(false);
    expect(await Draft.discardOne(org, id, 'x')).toBe(false);
  });

  it('keeps one transition record per move, and repairs a move whose writer died half-way', async () => {
    const d = await newDraft();
    await Draft.claimForSending(d._id);
    await Draft.markSent(d._id, new Types.ObjectId());
    const trail = await DraftTransition.find({ draft: d._id }).sort({ at: 1 }).lean();
    expect(trail.map((t) => `${t.from}>${t.to}`)).toEqual(['scheduled>sending', 'sending>sent']);
    expect(trail.every((t) => t.organization.equals(org))).toBe(true);

    // A claimer that recorded its move but crashed before updating the draft.
    const half = await newDraft();
    await DraftTransition.create({
      organization: org,
      draft: half._id,
      from: 'scheduled',
      to: 'sending',
      at: new Date(),
    });
    expect(await statusOf(half._id)).toBe('scheduled');
    expect(await Draft.discardOne(org, half._id, 'reply_received')).toBe(false);
    expect(await statusOf(half._id)).toBe('sending');
  });
});
