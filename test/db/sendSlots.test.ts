// Send-slot reservations on FerretDB: a reservation given back frees its day for the next follow-up
// (once only), and the history sweep removes the documents of days that are over, nothing ahead.
import { Types } from 'mongoose';
import { SendSlot, sweepSendSlots } from '@follow-ups/db';
import type { SequenceSchedule } from '@follow-ups/workflows';
import { releaseSendTime, reserveSendTime } from '../../services/worker/src/activities/sendTimes';
import type { ActivityDeps } from '../../services/worker/src/activities';
import { useTestDb } from './testDb';

useTestDb('send_slots');

const deps = { now: () => new Date('2030-01-04T12:00:00Z') } as ActivityDeps; // a Friday; only the clock is read
const schedule: SequenceSchedule = {
  policy: {
    window: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
    timeZone: 'UTC',
    businessDays: false,
    holidays: null,
  },
  caps: { perDay: 1, spacingSeconds: 60, perOrganizationPerDay: 5 },
  outOfOffice: { policy: 'ignore', pauseDays: 7 },
};

describe('reservations given back', () => {
  it('frees the day for the next follow-up, and a second give-back changes nothing', async () => {
    const organizationId = String(new Types.ObjectId());
    const notBefore = '2030-01-07T08:00:00.000Z'; // Monday, before the window opens
    const reserve = (draftId: string) =>
      reserveSendTime(deps, { organizationId, sender: 'ae@seller.test', draftId, notBefore, schedule });
    const [d1, d2, d3] = [1, 2, 3].map(() => String(new Types.ObjectId()));
    expect(await reserve(d1!)).toEqual({ sendAt: '2030-01-07T09:00:00.000Z' });
    expect(await reserve(d2!)).toEqual({ sendAt: '2030-01-08T09:00:00.000Z' }); // one a day: Tuesday

    // d1 is discarded before its slot: sender ticket, organization ticket and slot come back.
    expect(await releaseSendTime({ organizationId, draftId: d1!, notBefore })).toEqual({ released: 3 });
    expect(await releaseSendTime({ organizationId, draftId: d1!, notBefore })).toEqual({ released: 0 });
    expect(await reserve(d3!)).toEqual({ sendAt: '2030-01-07T09:00:00.000Z' });
    const monday = await SendSlot.find({
      _id: { $regex: `^${organizationId}\\|(ae@seller\\.test\\|)?2030-01-07\\|[tos]` },
    }).lean();
    expect(monday.map((d) => d._id).sort()).toEqual(
      [
        `${organizationId}|2030-01-07|o0`,
        `${organizationId}|ae@seller.test|2030-01-07|s0`,
        `${organizationId}|ae@seller.test|2030-01-07|t0`,
      ].sort(),
    );
  });
});

describe('reservations with lost hints', () => {
  it('the candidates refused as taken are climbed past: a later slot, never a shared one', async () => {
    const organizationId = String(new Types.ObjectId());
    const notBefore = '2030-01-07T08:00:00.000Z';
    const roomy = { ...schedule, caps: { perDay: 3, spacingSeconds: 60, perOrganizationPerDay: 3 } };
    const reserve = () =>
      reserveSendTime(deps, {
        organizationId,
        sender: 'ae@seller.test',
        draftId: String(new Types.ObjectId()),
        notBefore,
        schedule: roomy,
      });
    expect(await reserve()).toEqual({ sendAt: '2030-01-07T09:00:00.000Z' });
    await SendSlot.deleteMany({
      _id: { $in: [`${organizationId}|ae@seller.test|2030-01-07|hint`, `${organizationId}|2030-01-07|hint`] },
    });
    expect(await reserve()).toEqual({ sendAt: '2030-01-07T09:01:00.000Z' });
    const claims = await SendSlot.find(
      { _id: { $regex: `^${organizationId}\\|.*2030-01-07\\|[tos]\\d` } },
      { _id: 1 },
    ).lean();
    expect(claims.map((d) => d._id.split('|').at(-1)).sort()).toEqual(['o0', 'o1', 's0', 's1', 't0', 't1']);
  });
});

describe('the send-slot sweep', () => {
  it('removes claims, hints and reservation records of days that are over, keeps every day still ahead', async () => {
    const now = new Date('2026-12-10T12:00:00Z');
    const ids = {
      overTicket: 'o1|ae@seller.test|2026-12-07|t0',
      overHint: 'o1|ae@seller.test|2026-12-07|hint',
      overOrganization: 'o1|2026-12-08|o4',
      overReservation: 'o1|draft|d1|2026-12-07T08:00:00.000Z',
      yesterday: 'o1|ae@seller.test|2026-12-09|s3', // may still be open somewhere west of UTC
      aheadClaimedLongAgo: 'o1|ae@seller.test|2026-12-14|t0',
      aheadReservation: 'o1|draft|d2|2026-12-14T08:00:00.000Z',
    };
    await SendSlot.insertMany([
      { _id: ids.overTicket, at: new Date('2026-12-07T00:00:00Z') },
      { _id: ids.overHint, at: new Date('2026-12-07T00:00:00Z'), ticket: 1, slot: 1 },
      { _id: ids.overOrganization, at: new Date('2026-12-01T10:00:00Z') },
      { _id: ids.overReservation, at: new Date('2026-12-07T09:00:00Z'), ids: [ids.overTicket] },
      { _id: ids.yesterday, at: new Date('2026-12-09T00:00:00Z') },
      { _id: ids.aheadClaimedLongAgo, at: new Date('2026-12-01T10:00:00Z') }, // claimed before claims carried their day
      { _id: ids.aheadReservation, at: new Date('2026-12-14T09:00:00Z'), ids: [ids.aheadClaimedLongAgo] },
    ]);
    expect(await sweepSendSlots(now)).toBe(4);
    const left = (await SendSlot.find({ _id: { $in: Object.values(ids) } }, { _id: 1 }).lean())
      .map((d) => d._id)
      .sort();
    expect(left).toEqual([ids.yesterday, ids.aheadClaimedLongAgo, ids.aheadReservation].sort());
    expect(await sweepSendSlots(now)).toBe(0);
  });
});
