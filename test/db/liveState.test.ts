import { Types } from 'mongoose';
import {
  ApiToken,
  archiveEndedDrafts,
  backfillLiveDrafts,
  Draft,
  DraftHistory,
  findDraftById,
  findDraftsEverywhere,
  LiveDraft,
  Organization,
  Rule,
} from '@follow-ups/db';
import { enabledOutgoingRules } from '@follow-ups/automation';
import { useTestDb } from './testDb';

useTestDb('live_state');

const newDraft = (organization: Types.ObjectId, conversation: Types.ObjectId, extra: object = {}) =>
  Draft.create({
    organization,
    conversation,
    kind: 'followup',
    sendAt: new Date(),
    messageId: `<${new Types.ObjectId().toHexString()}@follow-ups.test>`,
    ...extra,
  });

const liveIds = async (conversation: Types.ObjectId) =>
  (await LiveDraft.find({ conversation }).lean()).map((d) => String(d._id)).sort();

describe('live state apart from history', () => {
  it('LiveDraft holds exactly the drafts that may still be sent', async () => {
    const org = new Types.ObjectId();
    const conversation = new Types.ObjectId();
    const [a, b, c] = [
      await newDraft(org, conversation),
      await newDraft(org, conversation),
      await newDraft(org, conversation),
    ];
    const [d] = await Draft.insertMany([
      { organization: org, conversation, kind: 'followup', sendAt: new Date(), messageId: '<bulk@follow-ups.test>' },
    ]);
    await Draft.insertMany([
      {
        organization: org,
        conversation,
        kind: 'followup',
        sendAt: new Date(),
        status: 'sent',
        messageId: '<old@follow-ups.test>',
      },
    ]);
    expect(await liveIds(conversation)).toEqual([a, b, c, d].map((x) => String(x._id)).sort());

    expect(await Draft.claimForSending(a._id)).toBe(true); // sending: still live
    expect(await Draft.discardOne(org, b._id, 'test')).toBe(true);
    expect(await Draft.markFailed(c._id, 'test')).toBe(true);
    expect(await liveIds(conversation)).toEqual([a, d].map((x) => String(x._id)).sort());
    expect(await Draft.markSent(a._id, new Types.ObjectId())).toBe(true);
    expect(await Draft.discardScheduled({ organization: org, conversation }, 'reply received')).toBe(1);
    expect(await liveIds(conversation)).toEqual([]);
  });

  it('the start-up backfill adds entries for live drafts written without one', async () => {
    const conversation = new Types.ObjectId();
    const draft = await newDraft(new Types.ObjectId(), conversation);
    await LiveDraft.deleteMany({ conversation });
    expect(await backfillLiveDrafts()).toBe(1);
    expect(await liveIds(conversation)).toEqual([String(draft._id)]);
    expect(await backfillLiveDrafts()).toBe(0);
  });

  it('ended drafts move to DraftHistory and are still listed and found by id', async () => {
    const org = new Types.ObjectId();
    const conversation = new Types.ObjectId();
    const ended = await newDraft(org, conversation, { step: 1 });
    await Draft.discardOne(org, ended._id, 'reply received');
    const live = await newDraft(org, conversation, { step: 2 });
    await archiveEndedDrafts(new Date(Date.now() - 60_000));
    expect(await Draft.exists({ _id: ended._id })).not.toBeNull(); // ended just now: stays
    expect(await archiveEndedDrafts(new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);
    expect(await Draft.exists({ _id: live._id })).not.toBeNull();
    expect(await Draft.exists({ _id: ended._id })).toBeNull();
    expect(await DraftHistory.exists({ _id: ended._id })).not.toBeNull();
    expect((await findDraftById({ _id: ended._id, organization: org }))?.status).toBe('discarded');
    const listed = await findDraftsEverywhere(
      { organization: org, conversation },
      (x, y) => (x.step ?? 0) - (y.step ?? 0),
    );
    expect(listed.map((x) => [String(x._id), x.status])).toEqual([
      [String(ended._id), 'discarded'],
      [String(live._id), 'scheduled'],
    ]);
  });

  it('a cached rule list is reloaded as soon as a rule changes', async () => {
    const org = await Organization.create({ name: 'Cache' });
    const rule = await Rule.create({
      organization: org._id,
      description: 'A',
      conditions: { match: 'all', items: [] },
    });
    expect((await enabledOutgoingRules(org._id)).map((r) => r.description)).toEqual(['A']);
    await Rule.updateOne({ _id: rule._id, organization: org._id }, { $set: { description: 'B' } });
    expect((await enabledOutgoingRules(org._id)).map((r) => r.description)).toEqual(['B']);
    await Rule.updateOne({ _id: rule._id }, { $set: { enabled: false } }); // no organization in the filter: every version moves
    expect(await enabledOutgoingRules(org._id)).toEqual([]);
  });

  it('API tokens are found by a derived _id, and tokens stored before that by their hash', async () => {
    const org = new Types.ObjectId();
    const raw = await ApiToken.issueToken(org, 'new');
    expect(String((await ApiToken.findByRawToken(raw))?.organization)).toBe(String(org));
    const legacy = 'fu_legacy-token';
    await ApiToken.collection.insertOne({
      _id: new Types.ObjectId(),
      organization: org,
      label: 'old',
      tokenHash: ApiToken.hashToken(legacy),
    });
    expect(String((await ApiToken.findByRawToken(legacy))?.organization)).toBe(String(org));
    expect(await ApiToken.findByRawToken('fu_unknown')).toBeNull();
  });
});
