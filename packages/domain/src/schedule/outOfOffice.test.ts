import { outOfOfficeResumeAt, outOfOfficeResumeWithoutWindow } from './outOfOffice';
import { planClock } from './planClock';
import { DEFAULT_OUT_OF_OFFICE } from './types';
import { local, policy, show } from './scheduleTestKit';

const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';

describe('out-of-office resume time', () => {
  it('with a window: the first opening after the return date, or pause_days later', () => {
    const received = local('2026-12-01T10:00', NY); // Tuesday
    const args = { policy: policy(NY), outOfOffice: DEFAULT_OUT_OF_OFFICE, receivedAt: received };
    expect(show(outOfOfficeResumeAt({ ...args, returnDate: '2026-12-04' }), NY)).toBe('Mon 2026-12-07 09:00'); // back Friday: Saturday is closed
    expect(show(outOfOfficeResumeAt({ ...args, returnDate: null }), NY)).toBe('Tue 2026-12-08 10:00');
  });

  it('without a window: the day after the return date at the time of day of the plan, across a DST change', () => {
    const args = { outOfOffice: DEFAULT_OUT_OF_OFFICE, timeZone: BERLIN };
    const receivedAt = local('2026-10-20T16:12', BERLIN);
    const plannedAt = local('2026-10-21T10:30', BERLIN);
    // Back on Sunday 25 October, the day summer time ends: Monday 10:30 local, an hour of clock change absorbed.
    expect(
      show(outOfOfficeResumeWithoutWindow({ ...args, returnDate: '2026-10-25', receivedAt, plannedAt }), BERLIN),
    ).toBe('Mon 2026-10-26 10:30');
    // No plan left to read a time of day from: the auto-reply's.
    expect(
      show(outOfOfficeResumeWithoutWindow({ ...args, returnDate: '2026-10-25', receivedAt, plannedAt: null }), BERLIN),
    ).toBe('Mon 2026-10-26 16:12');
    // No return date named: pause_days (7) calendar days later, same local time.
    expect(show(outOfOfficeResumeWithoutWindow({ ...args, returnDate: null, receivedAt, plannedAt }), BERLIN)).toBe(
      'Tue 2026-10-27 16:12',
    );
  });

  it('without a window: a return date already past resumes at once; a compressed plan divides the pause', () => {
    const receivedAt = local('2026-12-01T10:00', 'UTC');
    const base = {
      outOfOffice: { policy: 'pause_until_return' as const, pauseDays: 3 },
      timeZone: 'UTC',
      receivedAt,
      plannedAt: null,
    };
    expect(outOfOfficeResumeWithoutWindow({ ...base, returnDate: '2026-11-20' })).toEqual(receivedAt);
    // One virtual day lasts a second: three days of pause last three seconds.
    const resume = outOfOfficeResumeWithoutWindow({ ...base, returnDate: null });
    expect(planClock(86_400).compress(receivedAt, resume).getTime() - receivedAt.getTime()).toBe(3_000);
    expect(planClock(1).compress(receivedAt, resume)).toEqual(resume);
  });
});
