import { Types } from 'mongoose';
import {
  ApiToken,
  Conversation,
  Draft,
  InboundMail,
  Message,
  Organization,
  Response,
  Rule,
  SharedLabel,
  Team,
  User,
  isDuplicateKeyError,
} from '@follow-ups/db';
import { useTestDb } from './testDb';

useTestDb('models');

const org = new Types.ObjectId();
const address = (a: string, name?: string) => (name ? { address: a, name } : { address: a });

function expectTimestamps(doc: { createdAt?: Date; updatedAt?: Date }): void {
  expect(doc.createdAt).toBeInstanceOf(Date);
  expect(doc.updatedAt).toBeInstanceOf(Date);
}

describe('round-trip of every model', () => {
  it('Organization', async () => {
    const { _id } = await Organization.create({ name: '  Acme  ' });
    const back = await Organization.findById(_id).lean();
    expect(back).toMatchObject({ name: 'Acme' });
    expectTimestamps(back!);
  });

  it('ApiToken', async () => {
    const { _id } = await ApiToken.create({ organization: org, label: 'ci', tokenHash: 'a'.repeat(64) });
    const back = await ApiToken.findById(_id).lean();
    expect(back).toMatchObject({ organization: org, label: 'ci', tokenHash: 'a'.repeat(64) });
    expect(back!.lastUsedAt).toBeUndefined();
    expectTimestamps(back!);
  });

  it('Team', async () => {
    const { _id } = await Team.create({ organization: org, name: 'Sales' });
    expect(await Team.findOne({ _id, organization: org }).lean()).toMatchObject({ name: 'Sales' });
  });

  it('User lowercases and trims the email', async () => {
    const { _id } = await User.create({
      organization: org,
      email: '  Ana.Seller@Example.COM ',
      name: 'Ana Seller',
      first_name: 'Ana',
      last_name: 'Seller',
    });
    const back = await User.findById(_id).lean();
    expect(back).toMatchObject({ email: 'ana.seller@example.com', first_name: 'Ana', last_name: 'Seller' });
    expectTimestamps(back!);
  });

  it('SharedLabel', async () => {
    const { _id } = await SharedLabel.create({ organization: org, name: 'Follow-up', color: '#ff8800' });
    expect(await SharedLabel.findById(_id).lean()).toMatchObject({ name: 'Follow-up', color: '#ff8800' });
  });

  it('Response', async () => {
    const body = "Hi {{ recipient.first_name | default: 'there' }}, any news?";
    const { _id } = await Response.create({ organization: org, title: 'Follow-up 1', subject: 'Re: quote', body });
    expect(await Response.findById(_id).lean()).toMatchObject({ title: 'Follow-up 1', subject: 'Re: quote', body });
  });

  it('Rule keeps conditions and both action shapes', async () => {
    const response = new Types.ObjectId();
    const label = new Types.ObjectId();
    const { _id } = await Rule.create({
      organization: org,
      description: 'Automatic follow ups',
      conditions: {
        match: 'all',
        items: [
          { field: 'from', operator: 'is', values: ['ana.seller@example.com'] },
          { field: 'content', operator: 'contains', values: ['Here is the quote you requested'] },
          { field: 'content', operator: 'not_contains', values: ['Just following up'] },
        ],
      },
      actions: [
        { type: 'schedule_followup', response, send_after: { amount: 1, unit: 'days' } },
        { type: 'add_labels', labels: [label] },
      ],
    });
    const back = await Rule.findById(_id).lean();
    expect(back).toMatchObject({ enabled: true, type: 'outgoing', description: 'Automatic follow ups' });
    expect(back!.conditions.items).toHaveLength(3);
    expect(back!.conditions.items[1]).toEqual({
      field: 'content',
      operator: 'contains',
      values: ['Here is the quote you requested'],
    });
    expect(back!.actions[0]).toEqual({ type: 'schedule_followup', response, send_after: { amount: 1, unit: 'days' } });
    expect(back!.actions[1]).toEqual({ type: 'add_labels', labels: [label] });
  });

  it('Rule refuses an action missing the fields its type needs', async () => {
    await expect(
      Rule.create({ organization: org, description: 'broken', actions: [{ type: 'schedule_followup' }] }),
    ).rejects.toThrow(/response|send_after/);
    await expect(
      Rule.create({ organization: org, description: 'broken', actions: [{ type: 'add_labels', labels: [] }] }),
    ).rejects.toThrow(/at least one label/);
  });

  it('Conversation', async () => {
    const team = new Types.ObjectId();
    const label = new Types.ObjectId();
    const { _id } = await Conversation.create({
      organization: org,
      subject: 'Your quote',
      team,
      labels: [label],
      participants: [address('ana.seller@example.com', 'Ana'), address('bob@prospect.test')],
      lastActivityAt: new Date('2026-01-01T10:00:00Z'),
    });
    const back = await Conversation.findById(_id).lean();
    expect(back).toMatchObject({ subject: 'Your quote', team, labels: [label] });
    expect(back!.participants).toEqual([
      { address: 'ana.seller@example.com', name: 'Ana' },
      { address: 'bob@prospect.test' },
    ]);
    expect(back!.repliedAt).toBeUndefined();
  });

  it('Message', async () => {
    const conversation = new Types.ObjectId();
    const at = new Date('2026-01-01T10:00:00Z');
    const { _id } = await Message.create({
      organization: org,
      conversation,
      direction: 'outgoing',
      origin: 'api',
      from: address('ana.seller@example.com', 'Ana'),
      to: [address('bob@prospect.test')],
      cc: [address('boss@example.com')],
      replyTo: address('sales@example.com'),
      subject: 'Your quote',
      text: 'Here is the quote you requested',
      html: '<p>Here is the quote you requested</p>',
      messageId: '<m1@follow-ups.test>',
      references: ['<m0@follow-ups.test>'],
      inReplyTo: '<m0@follow-ups.test>',
      at,
    });
    const back = await Message.findById(_id).lean();
    expect(back).toMatchObject({
      organization: org,
      conversation,
      direction: 'outgoing',
      origin: 'api',
      from: { address: 'ana.seller@example.com', name: 'Ana' },
      to: [{ address: 'bob@prospect.test' }],
      cc: [{ address: 'boss@example.com' }],
      bcc: [],
      replyTo: { address: 'sales@example.com' },
      messageId: '<m1@follow-ups.test>',
      references: ['<m0@follow-ups.test>'],
      autoReply: false,
      at,
    });
    expectTimestamps(back!);
  });

  it('Draft (follow-up and scheduled send)', async () => {
    const conversation = new Types.ObjectId();
    const sendAt = new Date('2026-01-02T10:00:00Z');
    const followup = await Draft.create({
      organization: org,
      conversation,
      kind: 'followup',
      rule: new Types.ObjectId(),
      response: new Types.ObjectId(),
      step: 1,
      sendAt,
      autoFollowup: true,
      messageId: '<d1@follow-ups.test>',
    });
    const back = await Draft.findById(followup._id).lean();
    expect(back).toMatchObject({ kind: 'followup', step: 1, sendAt, status: 'scheduled', autoFollowup: true });
    expect(back!.statusChangedAt).toBeInstanceOf(Date);
    expect(back!.content).toBeUndefined();

    const scheduledSend = await Draft.create({
      organization: org,
      conversation,
      kind: 'scheduled_send',
      sendAt,
      messageId: '<d2@follow-ups.test>',
      content: {
        subject: 'Hello',
        body: 'Hi Bob',
        from: address('ana.seller@example.com'),
        to: [address('bob@prospect.test')],
      },
    });
    const back2 = await Draft.findById(scheduledSend._id).lean();
    expect(back2).toMatchObject({ status: 'scheduled', autoFollowup: false });
    expect(back2!.content).toEqual({
      subject: 'Hello',
      body: 'Hi Bob',
      from: { address: 'ana.seller@example.com' },
      to: [{ address: 'bob@prospect.test' }],
      cc: [],
      bcc: [],
    });
  });

  it('InboundMail, matched and unmatched', async () => {
    const receivedAt = new Date('2026-01-03T10:00:00Z');
    const matched = await InboundMail.create({
      dedupeKey: '<reply1@prospect.test>',
      matched: true,
      organization: org,
      conversation: new Types.ObjectId(),
      from: address('bob@prospect.test', 'Bob'),
      to: [address('ana.seller@example.com')],
      subject: 'Re: Your quote',
      receivedAt,
    });
    expect(await InboundMail.findById(matched._id).lean()).toMatchObject({
      matched: true,
      organization: org,
      receivedAt,
    });
    const unmatched = await InboundMail.create({
      dedupeKey: 'f'.repeat(64),
      matched: false,
      reason: 'no_conversation',
    });
    const back = await InboundMail.findById(unmatched._id).lean();
    expect(back).toMatchObject({ matched: false, reason: 'no_conversation', to: [] });
    expect(back!.organization).toBeUndefined();
    expect(back!.receivedAt).toBeInstanceOf(Date);
  });
});

describe('unique indexes (FerretDB enforces them)', () => {
  async function expectDuplicate(p: Promise<unknown>): Promise<void> {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    expect(isDuplicateKeyError(err)).toBe(true);
    expect(String(err)).toMatch(/E11000/);
  }

  it('Message (organization, messageId) rejects a repeated delivery, not another organization', async () => {
    const base = {
      conversation: new Types.ObjectId(),
      direction: 'inbound',
      origin: 'inbound',
      from: address('bob@prospect.test'),
      messageId: '<dup@prospect.test>',
      at: new Date(),
    } as const;
    await Message.create({ ...base, organization: org });
    await expectDuplicate(Message.create({ ...base, organization: org }));
    await Message.create({ ...base, organization: new Types.ObjectId() });
    expect(await Message.countDocuments({ messageId: '<dup@prospect.test>' })).toBe(2);
  });

  it('Draft (organization, messageId)', async () => {
    const base = {
      organization: org,
      conversation: new Types.ObjectId(),
      kind: 'followup',
      sendAt: new Date(),
      messageId: '<dup-draft@x>',
    } as const;
    await Draft.create(base);
    await expectDuplicate(Draft.create(base));
  });

  it('User (organization, email) after lowercasing', async () => {
    await User.create({ organization: org, email: 'same@example.com' });
    await expectDuplicate(User.create({ organization: org, email: 'SAME@example.com' }));
    await User.create({ organization: new Types.ObjectId(), email: 'same@example.com' });
  });

  it('SharedLabel (organization, name)', async () => {
    await SharedLabel.create({ organization: org, name: 'Deal' });
    await expectDuplicate(SharedLabel.create({ organization: org, name: 'Deal' }));
  });

  it('InboundMail dedupeKey', async () => {
    await InboundMail.create({ dedupeKey: '<once@prospect.test>', matched: false });
    await expectDuplicate(InboundMail.create({ dedupeKey: '<once@prospect.test>', matched: false }));
  });

  it('ApiToken tokenHash', async () => {
    await ApiToken.create({ organization: org, label: 'a', tokenHash: 'b'.repeat(64) });
    await expectDuplicate(
      ApiToken.create({ organization: new Types.ObjectId(), label: 'b', tokenHash: 'b'.repeat(64) }),
    );
  });
});
