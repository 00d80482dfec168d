import { Types } from 'mongoose';
import { countInboundMail, countSequenceStarted, eraseAnalytics, recentReplies } from '@follow-ups/db';
import { commandsOf } from '../helpers/commandProfile';
import { useTestDb } from '../db/testDb';

useTestDb('analytics_recent');

describe("a rule's recent replies (analytics/recent.ts)", () => {
  const organization = String(new Types.ObjectId());
  const rule = String(new Types.ObjectId());
  const at = new Date('2026-12-03T10:00:00Z');

  async function repliedTo(conversation: string) {
    const trigger = String(new Types.ObjectId());
    await countSequenceStarted({
      organization,
      conversation,
      rule,
      sender: 'alex@seller.test',
      trigger,
      at,
      steps: [1],
    });
    return commandsOf(() =>
      countInboundMail(organization, conversation, 'reply', `<${trigger}@prospect.test>`, at, {
        from: 'jane@prospect.test',
        subject: `Re: ${conversation}`,
      }),
    );
  }
  const listed = async () => (await recentReplies(organization, rule)).map((r) => r.conversation);

  it('rewrites the list from what this process wrote last; a rewrite by another writer (erasure) is read again, never undone', async () => {
    const [a, b, c] = [1, 2, 3].map(() => String(new Types.ObjectId()));
    expect((await repliedTo(a!)).by['find analyticsrecents {_id}']).toBe(1);
    const second = await repliedTo(b!);
    expect(second.by['find analyticsrecents {_id}']).toBeUndefined();
    expect(second.by['update analyticsrecents {_id,v}']).toBe(1);
    expect(await listed()).toEqual([b, a]);

    await eraseAnalytics(organization, [a!], []);
    expect(await listed()).toEqual([b]);
    await repliedTo(c!);
    expect(await listed()).toEqual([c, b]);
  });
});
