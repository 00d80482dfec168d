import { Types } from 'mongoose';
import { Conversation } from '../models/conversation';
import { groupUpdate } from '../groupWrite';
import { AnalyticsSequence } from './models';
import { replyMark } from './recent';
import { countAll, countOnce, type CountedEvent } from './count';
import { replyTimeBucket } from './keys';

const sequenceKey = (organization: string, conversation: string) => `${organization}|${conversation}`;

/** What counting needs of a conversation's current sequence; `step` 0 = the trigger, `sentAt` its last mail's time. */
export type CountedSequence = { rule: string; sender: string; trigger: string; step: number; sentAt: Date };

export type SequenceStart = {
  organization: string;
  conversation: string;
  rule: string;
  sender: string;
  /** The trigger message's id: one sequence per trigger. */
  trigger: string;
  at: Date;
  /** The steps it scheduled (1-based). */
  steps: number[];
};

/** The counting state of a sequence just started: its trigger, at step 0. */
export const startState = (start: SequenceStart): CountedSequence => ({
  rule: start.rule,
  sender: start.sender.toLowerCase(),
  trigger: start.trigger,
  step: 0,
  sentAt: start.at,
});

/**
 * A sequence started, unconditionally: its conversation's counting state reset to step 0 (the
 * conversation is created when missing: seeds and tests count without one), then `started` and each
 * step's `scheduled` counted. The trigger path counts through `countSequenceStart` (once per trigger).
 */
export async function countSequenceStarted(start: SequenceStart): Promise<void> {
  await Conversation.updateOne(
    { _id: start.conversation },
    { $set: { counting: startState(start) }, $setOnInsert: { organization: start.organization } },
    { upsert: true },
  );
  const increments: Record<string, number> = { 'seq.started': 1 };
  for (const step of start.steps) increments[`${step}.scheduled`] = 1;
  await countOnce(`started:${start.organization}:${start.trigger}`, { ...start, at: start.at }, increments);
}

/** The conversation's sequence as counted: null when none was ever started in it. */
export async function countedSequence(organization: string, conversation: string): Promise<CountedSequence | null> {
  if (!Types.ObjectId.isValid(conversation)) return null;
  const kept = await Conversation.findOne({ _id: conversation, organization }, { counting: 1 }).lean();
  return countingOf(kept) ?? legacySequence(organization, conversation);
}

/** The counting state a conversation document carries (read or returned by a write), else null. */
export function countingOf(conversation: { counting?: unknown } | null | undefined): CountedSequence | null {
  const c = conversation?.counting as Partial<CountedSequence> | undefined;
  return c?.trigger && c.rule && c.sentAt
    ? { ...(c as CountedSequence), step: c.step ?? 0, sender: c.sender ?? '' }
    : null;
}

/** Where sequences counted before the state moved onto the conversation keep it. */
const legacySequence = (organization: string, conversation: string) =>
  AnalyticsSequence.findById(sequenceKey(organization, conversation)).lean<CountedSequence>();

/**
 * A follow-up left: the step counts as the last one sent (replies after it count on it), unless a
 * later one already does or the conversation's sequence is another trigger's. `also`: what the same
 * write of the conversation carries besides (the sent mail joining its thread, deliverDraft.ts); it
 * is written whether or not the step moves.
 */
export async function noteStepSent(
  organization: string,
  conversation: string,
  trigger: string,
  step: number,
  at: Date,
  also: { $set?: Record<string, unknown>; $addToSet?: Record<string, unknown> } = {},
): Promise<void> {
  // With the notes of concurrent follow-ups: one command (`null`: one of them was not found).
  const noted = await groupUpdate(
    Conversation,
    { _id: conversation, organization, 'counting.trigger': trigger, 'counting.step': { $lt: step } },
    { ...also, $set: { ...also.$set, 'counting.step': step, 'counting.sentAt': at } },
  );
  if (noted) return;
  // Noted before (a retry), another trigger's sequence, or one counted in AnalyticsSequence; or the
  // note went in with another that did not: written again (idempotent), nothing else happens then.
  const filter = { _id: conversation, organization };
  const kept = Object.keys(also).length
    ? await Conversation.findOneAndUpdate(filter, also).lean()
    : await Conversation.findOne(filter, { counting: 1 }).lean();
  if (kept && !countingOf(kept))
    await AnalyticsSequence.updateOne(
      { _id: sequenceKey(organization, conversation), trigger, step: { $lt: step } },
      { $set: { step, sentAt: at } },
    );
}

export type InboundKind = 'reply' | 'out_of_office';

/**
 * A reply (the first of the sequence) or an out-of-office answer (each), counted on the last step
 * sent before it, with the reply's time since that step in the histogram. `also`: events of the
 * same operation (the follow-ups the reply discarded), counted with it: one insert of their marks
 * and one write per counter document. A reply's mark also carries what the report page lists of it
 * (recent.ts).
 */
export async function countInboundMail(
  organization: string,
  conversation: string,
  kind: InboundKind,
  messageId: string,
  at: Date,
  mail: { from: string; subject: string } = { from: '', subject: '' },
  also: CountedEvent[] = [],
  /** The conversation's counting state as the caller's write of it returned it (`countingOf`): not read again. */
  known?: CountedSequence | null,
): Promise<boolean> {
  const sequence =
    known === undefined
      ? await countedSequence(organization, conversation)
      : (known ?? (await legacySequence(organization, conversation)));
  if (!sequence) {
    await countAll(also);
    return false;
  }
  const target = { organization, rule: sequence.rule, sender: sequence.sender, at };
  if (kind === 'out_of_office') {
    const [counted] = await countAll([
      { id: `ooo:${organization}:${messageId}`, target, increments: { [`${sequence.step}.out_of_office`]: 1 } },
      ...also,
    ]);
    return counted === true;
  }
  const seconds = Math.max(0, (at.getTime() - sequence.sentAt.getTime()) / 1000);
  const [counted] = await countAll([
    {
      id: `reply:${organization}:${sequence.trigger}`,
      target,
      increments: { [`${sequence.step}.replies`]: 1, [`${sequence.step}.ttr.${replyTimeBucket(seconds)}`]: 1 },
      mark: replyMark(organization, sequence.rule, { conversation, step: sequence.step, at, ...mail }),
    },
    ...also,
  ]);
  return counted === true;
}

/** A bounce or unsubscribe of the sequence's recipient, on the last step sent (once per sequence). */
export async function countSuppression(
  organization: string,
  conversation: string,
  kind: 'bounces' | 'unsubscribes',
  at: Date,
): Promise<boolean> {
  const sequence = await countedSequence(organization, conversation);
  if (!sequence) return false;
  const target = { organization, rule: sequence.rule, sender: sequence.sender, at };
  return countOnce(`${kind}:${organization}:${sequence.trigger}`, target, { [`${sequence.step}.${kind}`]: 1 });
}

/** The statuses a sequence ends with, as counted (`unsubscribed`: stopped by an unsubscribe). */
export type CountedEnd = 'replied' | 'completed' | 'stopped' | 'bounced' | 'unsubscribed' | 'failed';

/** A sequence ended (its `sequence_ended` event id makes it once). */
export async function countSequenceEnded(
  organization: string,
  conversation: string,
  status: CountedEnd,
  eventId: string,
  at: Date,
): Promise<boolean> {
  const sequence = await countedSequence(organization, conversation);
  if (!sequence) return false;
  return countOnce(
    `ended:${eventId}`,
    { organization, rule: sequence.rule, sender: sequence.sender, at },
    { [`seq.${status}`]: 1 },
  );
}
