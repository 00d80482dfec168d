// History: the documents ended sequences leave behind (a conversation, its four messages, three
// drafts with their transitions, the inbound reply), bulk-inserted through the real models.
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { Conversation, Draft, DraftHistory, DraftTransition, InboundMail, Message } from '@follow-ups/db';
import { progress } from './measure';
import { SENDER, TRIGGER } from './ingest';

const BATCH = 500;
const DAY = 86_400_000;
const mid = (tag: string) => `<${tag}.${randomBytes(8).toString('hex')}@bench.test>`;

/** Documents of `n` ended sequences of `organization`: replied after the second follow-up. */
function endedSequences(organization: Types.ObjectId, n: number, startAt: Date) {
  const docs = {
    conversations: [] as object[],
    messages: [] as object[],
    drafts: [] as object[],
    transitions: [] as object[],
    inbound: [] as object[],
  };
  for (let i = 0; i < n; i++) {
    const at = new Date(startAt.getTime() - (n - i) * 60_000);
    const conversation = new Types.ObjectId();
    const who = { address: `old${randomBytes(5).toString('hex')}@prospect.test`, name: 'Old Prospect' };
    const base = { organization, conversation, from: SENDER, to: [who], cc: [], bcc: [], createdAt: at, updatedAt: at };
    const trigger = {
      _id: new Types.ObjectId(),
      ...base,
      direction: 'outgoing',
      origin: 'api',
      subject: 'Your quote',
      text: `Hi,\n${TRIGGER}.`,
      messageId: mid('m'),
      references: [],
      at,
    };
    const sent = [1, 2].map((step) => ({
      _id: new Types.ObjectId(),
      ...base,
      direction: 'outgoing',
      origin: 'automation',
      subject: 'Re: Your quote',
      text: `Just following up (${step}).`,
      messageId: mid('fu'),
      references: [trigger.messageId],
      at: new Date(at.getTime() + step * DAY),
    }));
    const reply = {
      _id: new Types.ObjectId(),
      ...base,
      from: who,
      to: [SENDER],
      direction: 'inbound',
      origin: 'inbound',
      subject: 'Re: Your quote',
      text: 'Thanks!',
      messageId: mid('r'),
      references: [trigger.messageId],
      at: new Date(at.getTime() + 4 * DAY),
    };
    docs.conversations.push({
      _id: conversation,
      organization,
      subject: 'Your quote',
      labels: [],
      participants: [SENDER, who],
      lastActivityAt: reply.at,
      repliedAt: reply.at,
      thread: [trigger.messageId, ...sent.map((m) => m.messageId), reply.messageId],
      threadKept: true,
      createdAt: at,
      updatedAt: at,
    });
    docs.messages.push(trigger, ...sent, reply);
    [1, 3, 7].forEach((days, k) => {
      const draft = new Types.ObjectId();
      const wasSent = k < 2;
      docs.drafts.push({
        _id: draft,
        organization,
        conversation,
        kind: 'followup',
        triggerMessage: trigger._id,
        response: new Types.ObjectId(),
        step: k + 1,
        sendAt: new Date(at.getTime() + days * DAY),
        status: wasSent ? 'sent' : 'discarded',
        reason: wasSent ? undefined : 'reply received',
        autoFollowup: false,
        messageId: wasSent ? sent[k].messageId : mid('fu'),
        sentMessage: wasSent ? sent[k]._id : undefined,
        sentAt: wasSent ? sent[k].at : undefined,
        statusChangedAt: at,
        createdAt: at,
        updatedAt: at,
      });
      const moves = wasSent
        ? [
            ['scheduled', 'sending'],
            ['sending', 'sent'],
          ]
        : [['scheduled', 'discarded']];
      for (const [from, to] of moves)
        docs.transitions.push({ organization, draft, from, to, at, createdAt: at, updatedAt: at });
    });
    docs.inbound.push({
      dedupeKey: reply.messageId,
      matched: true,
      organization,
      conversation,
      from: who,
      to: [SENDER],
      subject: reply.subject,
      receivedAt: reply.at,
      createdAt: at,
      updatedAt: at,
    });
  }
  return docs;
}

/** Inserts `n` ended sequences in batches (their drafts in DraftHistory when `archived`); returns documents per second. */
export async function preloadHistory(
  organizationId: string,
  n: number,
  archived = false,
): Promise<{ docs: number; perSecond: number }> {
  const organization = new Types.ObjectId(organizationId);
  const started = performance.now();
  let docs = 0;
  for (let done = 0; done < n; done += BATCH) {
    const batch = endedSequences(organization, Math.min(BATCH, n - done), new Date(Date.now() - 30 * DAY));
    await Conversation.insertMany(batch.conversations, { lean: true });
    await Message.insertMany(batch.messages, { lean: true });
    // Ended 30 days ago: where the history sweep leaves them (phases.ts measures the sweep itself on the base history).
    if (archived) await DraftHistory.insertMany(batch.drafts, { lean: true });
    else await Draft.insertMany(batch.drafts, { lean: true });
    await DraftTransition.insertMany(batch.transitions, { lean: true });
    await InboundMail.insertMany(batch.inbound, { lean: true });
    docs += Object.values(batch).reduce((sum, list) => sum + list.length, 0);
    if ((done / BATCH) % 20 === 19) progress(`history: ${done + BATCH} of ${n} sequences (${docs} documents)`);
  }
  return { docs, perSecond: docs / ((performance.now() - started) / 1000) };
}
