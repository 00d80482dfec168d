import type { SequenceSchedule } from '@follow-ups/workflows';

const at = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(date)
    .replace(' at', '');

/**
 * What moved a send from its nominal time, in words ("Saturday 10:00 → Monday 09:00
 * America/New_York (sending window)"); null when nothing did.
 */
export function whyMoved(nominal: Date, sendAt: Date, schedule: SequenceSchedule | null): string | null {
  const parts: string[] = [];
  if (schedule && nominal.getTime() !== sendAt.getTime()) {
    const zone = schedule.policy.timeZone;
    parts.push(
      `${at(nominal, zone)} → ${at(sendAt, zone)} ${zone} (sending window${schedule.policy.holidays ? ', holidays' : ''})`,
    );
  }
  if (schedule?.caps) parts.push(`a daily cap of ${schedule.caps.perDay} per sender may move it later when it is due`);
  return parts.length ? parts.join('; ') : null;
}
