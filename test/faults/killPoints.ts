// Where a killed worker left the follow-ups it was handling: read right after the SIGKILL (a dead
// worker writes nothing more), so each kill is classified by the step boundary it interrupted.
import { Draft, Message } from '@follow-ups/db';
import type { SentMail } from '@follow-ups/sendgrid-sink';

export type KillPoints = {
  /** Due, not yet claimed (the workflow timer fired or was about to). */
  dueUnclaimed: number;
  /** Claimed (`sending`), SendGrid not called yet (composing). */
  claimed: number;
  /** The SendGrid request had arrived at the sink and was not answered yet (see `inProviderCallAt`). */
  inProviderCall: number;
  /** Marked in flight, no Message recorded: during or right after the SendGrid call. */
  inFlightUnrecorded: number;
  /** Message recorded, draft not yet marked `sent`. */
  recordedUnmarked: number;
};

export const emptyKillPoints = (): KillPoints => ({
  dueUnclaimed: 0,
  claimed: 0,
  inProviderCall: 0,
  inFlightUnrecorded: 0,
  recordedUnmarked: 0,
});

/** `counted`: draft/phase pairs already counted at an earlier kill (a draft left `sending` waits for its retry). */
export async function killPointsAt(
  killedAt: number,
  conversations: string[],
  counted: Set<string>,
): Promise<KillPoints> {
  const open = await Draft.find({
    conversation: { $in: conversations },
    kind: 'followup',
    status: { $in: ['scheduled', 'sending'] },
  }).lean();
  const recorded = new Set(
    (await Message.find({ messageId: { $in: open.map((d) => d.messageId) } }, { messageId: 1 }).lean()).map(
      (m) => m.messageId,
    ),
  );
  const points = emptyKillPoints();
  const count = (draft: (typeof open)[number], phase: keyof KillPoints) => {
    const key = `${String(draft._id)} ${phase}`;
    if (counted.has(key)) return;
    counted.add(key);
    points[phase]++;
  };
  for (const d of open) {
    if (d.status === 'scheduled') {
      if (d.sendAt.getTime() <= killedAt) count(d, 'dueUnclaimed');
    } else if (recorded.has(d.messageId)) count(d, 'recordedUnmarked');
    else if (d.inFlightSince) count(d, 'inFlightUnrecorded');
    else count(d, 'claimed');
  }
  return points;
}

/** SendGrid requests in flight at each kill, counted once the sink has recorded them all. */
export const inProviderCallAt = (kills: number[], mails: SentMail[]) =>
  kills.reduce(
    (n, at) => n + mails.filter((m) => Date.parse(m.arrivedAt) <= at && Date.parse(m.receivedAt) > at).length,
    0,
  );

export function addKillPoints(total: KillPoints, more: KillPoints): void {
  for (const key of Object.keys(total) as (keyof KillPoints)[]) total[key] += more[key];
}

export const formatKillPoints = (p: KillPoints) =>
  `due unclaimed ${p.dueUnclaimed}, claimed ${p.claimed}, in the SendGrid call ${p.inProviderCall}, in flight unrecorded ${p.inFlightUnrecorded}, recorded unmarked ${p.recordedUnmarked}`;
