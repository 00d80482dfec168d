// Counts what happened to follow-ups, from the drafts in the database and the mails the sink
// (standing in for SendGrid) received: duplicates, lost, late, sends after an accepted reply,
// and `failed` drafts whose mail was in fact received.
import { Draft, DraftTransition } from '@follow-ups/db';
import type { SentMail } from '@follow-ups/sendgrid-sink';
import { LATE_MS, type FigureRow } from './figures';

export type Audit = {
  followUps: number;
  /** Due before the audit, so each must be at the sink once or discarded. */
  due: number;
  received: number;
  duplicates: number;
  lost: number;
  late: number;
  failedReceived: number;
  /** Reached the sink after the reply webhook of its conversation answered 200. */
  afterReply: number;
  /** Its SendGrid call even started after that 200. */
  startedAfterReply: number;
  statuses: Record<string, number>;
  /** Left `unknown` and settled since: confirmed by an Event Webhook event, or resent once. */
  confirmedByEvent: number;
  resent: number;
  /** Draft ids of the lost and of the failed-but-received, for the report. */
  examples: string[];
  /** Conversations with a discarded follow-up. */
  discardedIn: Set<string>;
};

type Options = {
  /** When the reply webhook answered 200, per conversation (ms). */
  repliedAt?: Map<string, number>;
  /** Follow-ups due before this (ms) must have been settled. Defaults to now. */
  dueBefore?: number;
  /** A send is late when it reached the sink LATE_MS after max(due, notBefore). */
  notBefore?: number;
};

const bare = (id: string | undefined) => (id ?? '').replace(/^<|>$/g, '');

export async function auditFollowUps(
  mails: SentMail[],
  conversations: string[],
  options: Options = {},
): Promise<Audit> {
  const drafts = await Draft.find({ conversation: { $in: conversations }, kind: 'followup' }).lean();
  const byMessageId = new Map<string, SentMail[]>();
  for (const mail of mails) {
    const key = bare(mail.headers['Message-ID']);
    byMessageId.set(key, [...(byMessageId.get(key) ?? []), mail]);
  }
  const dueBefore = options.dueBefore ?? Date.now();
  const audit: Audit = {
    followUps: drafts.length,
    due: 0,
    received: 0,
    duplicates: 0,
    lost: 0,
    late: 0,
    failedReceived: 0,
    afterReply: 0,
    startedAfterReply: 0,
    statuses: {},
    confirmedByEvent: 0,
    resent: 0,
    examples: [],
    discardedIn: new Set(),
  };
  for (const t of await DraftTransition.find(
    { draft: { $in: drafts.map((d) => d._id) }, from: 'unknown' },
    { to: 1 },
  ).lean()) {
    if (t.to === 'sent') audit.confirmedByEvent++;
    else if (t.to === 'resending') audit.resent++;
  }
  for (const draft of drafts) {
    audit.statuses[draft.status] = (audit.statuses[draft.status] ?? 0) + 1;
    if (draft.status === 'discarded') audit.discardedIn.add(String(draft.conversation));
    const copies = byMessageId.get(bare(draft.messageId)) ?? [];
    const due = draft.sendAt.getTime() <= dueBefore;
    if (due) audit.due++;
    if (copies.length) audit.received++;
    audit.duplicates += Math.max(0, copies.length - 1);
    // Left `unknown` (its SendGrid call was cut by a kill) in a conversation that was replied: the
    // reply came before its grace period ended, and nothing may go out after a reply. Not lost.
    const supersededByReply = draft.status === 'unknown' && options.repliedAt?.has(String(draft.conversation)) === true;
    if (supersededByReply && copies.length === 0)
      audit.examples.push(`unknown, then replied: ${draft._id} not sent again`);
    if (due && copies.length === 0 && draft.status !== 'discarded' && !supersededByReply) {
      audit.lost++;
      audit.examples.push(`lost ${draft._id} (${draft.status}${draft.reason ? `: ${draft.reason}` : ''})`);
    }
    if (copies.length && draft.status === 'failed') {
      audit.failedReceived++;
      audit.examples.push(`failed but received ${draft._id} (${draft.reason ?? ''})`);
    }
    const first = copies[0];
    if (first && Date.parse(first.receivedAt) - Math.max(draft.sendAt.getTime(), options.notBefore ?? 0) > LATE_MS)
      audit.late++;
    const repliedAt = options.repliedAt?.get(String(draft.conversation));
    if (repliedAt !== undefined) {
      audit.afterReply += copies.filter((m) => Date.parse(m.receivedAt) > repliedAt).length;
      audit.startedAfterReply += copies.filter((m) => Date.parse(m.arrivedAt) > repliedAt).length;
    }
  }
  return audit;
}

/** `sent 12, discarded 3` */
export const formatStatuses = (statuses: Record<string, number>) =>
  Object.entries(statuses)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');

/** The figures of an audit, for the table. */
export const auditFigures = (
  audit: Audit,
): Pick<FigureRow, 'duplicates' | 'lost' | 'late' | 'afterReply' | 'failedReceived' | 'reconciled'> => ({
  duplicates: audit.duplicates,
  reconciled: audit.confirmedByEvent + audit.resent,
  lost: audit.lost,
  late: audit.late,
  afterReply: audit.afterReply,
  failedReceived: audit.failedReceived,
});

/**
 * The status a sequence must end with: `completed` without a reply; `replied` when the reply
 * discarded a follow-up; either when every follow-up had gone out before the reply came.
 */
export function statusIsRight(status: string | undefined, replied: boolean, discarded: boolean): boolean {
  if (!replied) return status === 'completed';
  return discarded ? status === 'replied' : status === 'replied' || status === 'completed';
}
