import { Types } from 'mongoose';
import {
  AnalyticsMark,
  AnalyticsRecent,
  countInboundMail,
  countSequenceStarted,
  eraseAnalytics,
  recentReplies,
  replyMark,
} from '@follow-ups/db';
import { commandsOf } from '../helpers/commandProfile';
import { useTestDb } from '../db/testDb';

useTestDb('analytics_recent');

const newId = () => String(new Types.ObjectId());
const HOUR = 3_600_000;
/** `hours` before now (reads look back from now). */
const ago = (hours: number) => new Date(Date.now() - hours * HOUR);

describe("a rule's recent replies (analytics/recent.ts): read from the reply marks", () => {
  const organization = newId();

  /** A sequence of `rule` started in a new conversation; its trigger's id. */
  async function started(rule: string, conversation: string) {
    const trigger = newId();
    await countSequenceStarted({
      organization,
      conversation,
      rule,
      sender: 'alex@seller.test',
      trigger,
      at: ago(50),
      steps: [1],
    });
    return trigger;
  }
  const reply = (conversation: string, trigger: string, at: Date) =>
    countInboundMail(organization, conversation, 'reply', `<${trigger}@prospect.test>`, at, {
      from: 'jane@prospect.test',
      subject: `Re: ${conversation}`,
    });
  const listed = async (rule: string) => (await recentReplies(organization, rule)).map((r) => r.conversation);

  it('a reply writes nothing but its mark, which carries the entry; a repeat adds nothing; erasure removes it', async () => {
    const rule = newId();
    const [a, b] = [newId(), newId()];
    const triggers = [await started(rule, a), await started(rule, b)];
    const at = ago(2);
    const first = await commandsOf(() => reply(a, triggers[0]!, at));
    expect(Object.keys(first.by).filter((k) => /analyticsrecents/.test(k))).toEqual([]);
    expect(first.by['insert analyticsmarks']).toBe(1);
    expect(await AnalyticsMark.findById(`reply:${organization}:${triggers[0]}`).lean()).toMatchObject({
      _id: `reply:${organization}:${triggers[0]}`,
      at,
      organization,
      rule,
      conversation: a,
      step: 0,
      from: 'jane@prospect.test',
      subject: `Re: ${a}`,
    });
    expect(await reply(a, triggers[0]!, new Date(at.getTime() + 1000))).toBe(false); // a repeated webhook
    await reply(b, triggers[1]!, new Date(at.getTime() + 60_000));
    expect(await recentReplies(organization, rule)).toEqual([
      {
        conversation: b,
        step: 0,
        at: new Date(at.getTime() + 60_000),
        from: 'jane@prospect.test',
        subject: `Re: ${b}`,
      },
      { conversation: a, step: 0, at, from: 'jane@prospect.test', subject: `Re: ${a}` },
    ]);
    expect(await listed(newId())).toEqual([]); // another rule's list

    await eraseAnalytics(organization, [a], []);
    expect(await listed(rule)).toEqual([b]);
    expect(await AnalyticsMark.countDocuments({ conversation: a })).toBe(0);
  });

  it('two replies of one rule accepted at the same moment are both listed', async () => {
    const rule = newId();
    const conversations = [newId(), newId(), newId()];
    const triggers = await Promise.all(conversations.map((c) => started(rule, c)));
    const at = ago(1);
    const counted = await Promise.all(conversations.map((c, i) => reply(c, triggers[i]!, at)));
    expect(counted).toEqual([true, true, true]);
    expect((await listed(rule)).sort()).toEqual([...conversations].sort());
  });

  it('merges the lists kept before the marks (AnalyticsRecent): newest first, at most 10, each reply once', async () => {
    const rule = newId();
    const hour = HOUR;
    const base = ago(48).getTime();
    const conversations = Array.from({ length: 8 }, newId);
    const entry = (i: number) => ({
      conversation: conversations[i]!,
      step: 1,
      at: new Date(base + i * hour),
      from: `p${i}@prospect.test`,
      subject: `Re: ${i}`,
    });
    // Before this change: replies 0, 2, 4, 6 in the old document; 4 and 6 were marked since as well.
    await AnalyticsRecent.create({ _id: `${organization}|${rule}`, replies: [6, 4, 2, 0].map(entry), v: 4 });
    for (const i of [1, 3, 4, 5, 6, 7])
      await AnalyticsMark.create({
        _id: `reply:${organization}:${newId()}`,
        ...replyMark(organization, rule, entry(i)),
      });
    expect(await listed(rule)).toEqual([7, 6, 5, 4, 3, 2, 1, 0].map((i) => conversations[i]));

    for (let i = 0; i < 4; i++) {
      const conversation = newId();
      await reply(conversation, await started(rule, conversation), new Date(base + (10 + i) * hour));
    }
    const list = await recentReplies(organization, rule);
    expect(list).toHaveLength(10);
    expect(list.slice(4).map((r) => r.conversation)).toEqual([7, 6, 5, 4, 3, 2].map((i) => conversations[i]));

    await eraseAnalytics(organization, [conversations[2]!], []);
    expect(await listed(rule)).not.toContain(conversations[2]);
    expect((await AnalyticsRecent.findById(`${organization}|${rule}`).lean())?.replies).toHaveLength(3);
  });

  it('looks back through the last hours, then days, then the 12 weeks of the report: the newest 10 of them', async () => {
    const rule = newId();
    const mark = (hours: number) => {
      const conversation = newId();
      const fields = replyMark(organization, rule, {
        conversation,
        step: 1,
        at: ago(hours),
        from: 'x@y.test',
        subject: 'Re',
      });
      return AnalyticsMark.create({ _id: `reply:${organization}:${newId()}`, ...fields }).then(() => conversation);
    };
    const hours = [0.1, 0.2, 0.3, 30, 31, 32, 33, 24 * 20, 24 * 21, 24 * 22, 24 * 23, 24 * 24, 24 * 100];
    const conversations: string[] = [];
    for (const h of hours) conversations.push(await mark(h));
    expect(await listed(rule)).toEqual(conversations.slice(0, 10));
    await eraseAnalytics(organization, conversations.slice(0, 5), []);
    expect(await listed(rule)).toEqual(conversations.slice(5, 12)); // not the one of 100 days ago
  });

  it('goes down to days and hours where a period holds more than 10: still exactly the newest 10', async () => {
    const rule = newId();
    const conversations: string[] = [];
    for (let i = 0; i < 40; i++) {
      const conversation = newId();
      const reply = { conversation, step: 2, at: ago(0.05 + i * 0.3), from: 'x@y.test', subject: 'Re' };
      await AnalyticsMark.create({ _id: `reply:${organization}:${newId()}`, ...replyMark(organization, rule, reply) });
      conversations.push(conversation);
    }
    const { total, by } = await commandsOf(() => recentReplies(organization, rule));
    expect((await recentReplies(organization, rule)).map((r) => r.conversation)).toEqual(conversations.slice(0, 10));
    expect(by['find analyticsrecents {_id}']).toBe(1);
    expect(total).toBeLessThan(40); // periods looked at, not one read per reply
  });
});
