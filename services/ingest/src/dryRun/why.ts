import type { SequenceSchedule } from '@follow-ups/workflows';

const at = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(date)
    .replace(' at', '');

/**
 * What moved a send from its nominal time, in words ("Saturday 10:00 → Monday 09:00
 * America/New_York (sending window)", then "… → Monday 09:12 (daily cap: …)"); null when nothing did.
 */
export function whyMoved(
  times: { nominalAt: Date; windowAt: Date; sendAt: Date },
  schedule: SequenceSchedule | null,
): string | null {
  if (!schedule) return null;
  const zone = schedule.policy.timeZone;
  const parts: string[] = [];
  if (times.nominalAt.getTime() !== times.windowAt.getTime()) {
    const holidays = schedule.policy.holidays ? ', holidays' : '';
    parts.push(`${at(times.nominalAt, zone)} → ${at(times.windowAt, zone)} ${zone} (sending window${holidays})`);
  }
  if (schedule.caps && times.sendAt.getTime() !== times.windowAt.getTime()) {
    parts.push(
      `${at(times.windowAt, zone)} → ${at(times.sendAt, zone)} ${zone} (daily cap of ${schedule.caps.perDay} per sender, ${schedule.caps.spacingSeconds} s apart, as booked now)`,
    );
  }
  return parts.length ? parts.join('; ') : null;
}
