// groupInsert (packages/db/src/groupInsert.ts): concurrent callers' inserts into one collection go as one
// insertMany, and each caller gets its own outcome, on FerretDB.
import { Types } from 'mongoose';
import { Draft, groupInsert, insertedDespite, LiveDraft, Message, onlyDuplicateKeys } from '@follow-ups/db';
import { commandsOf } from '../helpers/commandProfile';
import { useTestDb } from './testDb';

useTestDb('group_insert');

const organization = new Types.ObjectId();
const conversation = new Types.ObjectId();

/** A message as the trigger path types it before inserting (cast, defaults, timestamps). */
const message = (messageId: string) => {
  const now = new Date();
  return Message.castObject(
    Message.applyDefaults({
      _id: new Types.ObjectId(),
      organization,
      conversation,
      direction: 'outgoing',
      origin: 'api',
      from: { address: 'alex@seller.test' },
      messageId,
      at: now,
      createdAt: now,
      updatedAt: now,
    }),
  ) as unknown as { _id: Types.ObjectId };
};
const ids = (n: number) => Array.from({ length: n }, () => `<${new Types.ObjectId().toHexString()}@seller.test>`);
const stored = (docs: { _id: Types.ObjectId }[]) =>
  Promise.all(docs.map(async (d) => Boolean(await Message.exists({ _id: d._id }))));

it('a lone call is written at once, in one insert command', async () => {
  const doc = message(ids(1)[0]!);
  const { total, by } = await commandsOf(() => groupInsert(Message, [doc]));
  expect(by).toEqual({ 'insert messages': 1 });
  expect(total).toBe(1);
  expect(await Message.findById(doc._id).lean()).toMatchObject({ messageId: expect.any(String), rulesPending: false });
});

it('one duplicate among concurrent callers rejects only its caller; the others are written, in one insert', async () => {
  const [taken, a, b, c] = ids(4);
  await groupInsert(Message, [message(taken!)]);
  const docs = [[message(a!)], [message(taken!)], [message(b!), message(c!)]];
  let outcomes: PromiseSettledResult<void>[] = [];
  const { by } = await commandsOf(async () => {
    outcomes = await Promise.allSettled(docs.map((list) => groupInsert(Message, list)));
  });
  expect(by).toEqual({ 'insert messages': 1 });
  expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  const error = (outcomes[1] as PromiseRejectedResult).reason as { code?: number };
  expect(error.code).toBe(11000); // as an insert of its document alone: a duplicate key
  expect(onlyDuplicateKeys(error)).toBe(true);
  expect(await stored(docs.flat())).toEqual([true, false, true, true]);
});

it("a caller's error names its own documents: insertedDespite tells which of them went in", async () => {
  const [taken, mine, other] = ids(3);
  await groupInsert(Message, [message(taken!)]);
  const first = groupInsert(Message, [message(other!)]);
  const second = groupInsert(Message, [message(mine!), message(taken!)]);
  await expect(first).resolves.toBeUndefined();
  const error = await second.then(
    () => null,
    (e: unknown) => e,
  );
  expect(onlyDuplicateKeys(error)).toBe(true);
  expect(insertedDespite(error, 2)).toEqual([true, false]);
});

it("runs the model's insertMany middleware once for the whole write: drafts get their LiveDraft entries", async () => {
  const draft = () =>
    Draft.castObject(
      Draft.applyDefaults({
        _id: new Types.ObjectId(),
        organization,
        conversation,
        kind: 'followup',
        step: 1,
        sendAt: new Date(),
        messageId: ids(1)[0],
        createdAt: new Date(),
        updatedAt: new Date(),
      }),
    ) as unknown as { _id: Types.ObjectId };
  const lists = [[draft(), draft()], [draft()]];
  const { by } = await commandsOf(() => Promise.all(lists.map((l) => groupInsert(Draft, l))));
  expect(by).toEqual({ 'insert drafts': 1, 'insert livedrafts': 1 });
  expect(await LiveDraft.countDocuments({ _id: { $in: lists.flat().map((d) => d._id) } })).toBe(3);
});

it('Message.typed then groupInsert writes what Message.create writes; a message the schema refuses throws as create does', async () => {
  const fields = (messageId: string) => ({
    organization,
    conversation,
    direction: 'outgoing' as const,
    origin: 'api' as const,
    from: { address: '  alex@seller.test ', name: ' Alex ' },
    to: [{ address: 'pat@prospect.test' }],
    subject: 'Your quote',
    text: 'Hello',
    messageId: ` ${messageId} `,
    references: ['<a@b>'],
    rulesPending: true,
    at: new Date('2026-12-07T10:00:00Z'),
  });
  const [one, two] = ids(2);
  const created = await Message.create(fields(one!));
  const typed = Message.typed({ ...fields(two!), _id: new Types.ObjectId() }, created.createdAt);
  await groupInsert(Message, [typed]);
  // Every field but the ids, as stored (types included): the same.
  const raw = async (id: unknown) => {
    const { _id, messageId, ...rest } = (await Message.collection.findOne({ _id: id as Types.ObjectId }))!;
    expect(_id).toBeInstanceOf(Types.ObjectId);
    return { rest, messageId: String(messageId).replace(/[0-9a-f]{24}/, 'ID') };
  };
  const [a, b] = [await raw(created._id), await raw(typed._id)];
  expect(b).toEqual(a);
  expect(b.messageId).toBe('<ID@seller.test>'); // trimmed, as the schema's setter does
  expect(b.rest.__v).toBe(0);
  // Refused as create refuses it: the same paths named, nothing written.
  for (const bad of [
    { direction: 'sideways' },
    { messageId: undefined, from: { name: 'no address' } },
    { to: [{ address: 'pat@prospect.test' }, { name: 'no address' }] },
  ]) {
    const created = await Message.create({ ...fields(ids(1)[0]!), ...bad }).then(
      () => null,
      (e: { errors?: object }) => Object.keys(e.errors ?? {}).sort(),
    );
    let typedPaths: string[] | null = null;
    try {
      Message.typed({ ...fields(ids(1)[0]!), ...bad }, new Date());
    } catch (e) {
      typedPaths = Object.keys((e as { errors?: object }).errors ?? {}).sort();
    }
    expect(created).not.toBeNull();
    expect(typedPaths).toEqual(created);
  }
});

it('a LiveDraft entry is stored as a hydrated insertMany stores it (cast, defaults, timestamps, __v)', async () => {
  const draft = {
    organization: String(organization),
    conversation: String(conversation),
    kind: 'followup',
    step: 2,
    rule: String(new Types.ObjectId()),
    triggerMail: { from: { address: 'alex@seller.test' } },
    sendAt: new Date(),
    messageId: ids(1)[0],
  };
  const [viaDraft, hydrated] = [new Types.ObjectId(), new Types.ObjectId()];
  await Draft.insertMany([{ ...draft, _id: viaDraft }]); // its middleware writes the entry
  const { _id, createdAt, updatedAt, ...entry } = (await LiveDraft.collection.findOne({ _id: viaDraft }))!;
  await LiveDraft.insertMany([{ ...entry, _id: hydrated, organization: String(organization) }]);
  const { _id: id2, createdAt: c2, updatedAt: u2, ...other } = (await LiveDraft.collection.findOne({ _id: hydrated }))!;
  expect(entry).toEqual(other);
  expect([entry.organization, entry.rule]).toEqual([organization, expect.any(Types.ObjectId)]);
  expect([createdAt, updatedAt, c2, u2].every((d) => d instanceof Date)).toBe(true);
  expect([_id, id2]).toEqual([viaDraft, hydrated]);
  await expect(Draft.insertMany([{ ...draft, _id: new Types.ObjectId(), kind: 'sideways' }])).rejects.toThrow(/kind/);
});
