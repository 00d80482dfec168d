import { AnalyticsSequence } from './models';
import { replyMark } from './recent';
import { countAll, countOnce, type CountedEvent } from './count';
import { replyTimeBucket } from './keys';

const sequenceKey = (organization: string, conversation: string) => `${organization}|${conversation}`;

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

/** A sequence started: `started` and each step's `scheduled` counted, and the conversation's counting state reset to step 0. */
export async function countSequenceStarted(start: SequenceStart): Promise<void> {
  await AnalyticsSequence.updateOne(
    { _id: sequenceKey(start.organization, start.conversation) },
    {
      $set: { rule: start.rule, sender: start.sender.toLowerCase(), trigger: start.trigger, step: 0, sentAt: start.at },
    },
    { upsert: true },
  );
  const increments: Record<string, number> = { 'seq.started': 1 };
  for (const step of start.steps) increments[`${step}.scheduled`] = 1;
  await countOnce(`started:${start.organization}:${start.trigger}`, { ...start, at: start.at }, increments);
}

/** The conversation's sequence as counted: null when none was ever started in it. */
export function countedSequence(organization: string, conversation: string) {
  return AnalyticsSequence.findById(sequenceKey(organization, conversation)).lean();
}

/** A follow-up left: the step counts as the last one sent (replies after it count on it). */
export async function noteStepSent(
  organization: string,
  conversation: string,
  trigger: string,
  step: number,
  at: Date,
): Promise<void> {
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
): Promise<boolean> {
  const sequence = await countedSequence(organization, conversation);
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
