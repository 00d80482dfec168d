import { DateTime } from 'luxon';
import { releaseSlots } from './releaseSlots';
import { memorySlotStore, reserveSlot } from './sendSlots';
import { local, policy } from './scheduleTestKit';

const zone = 'Europe/Berlin';
const show = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('ccc HH:mm');

describe('releaseSlots (a reservation given back)', () => {
  it('a discarded reservation frees its day tickets and its slot: the next mail gets that day instead of spilling', async () => {
    const store = memorySlotStore();
    const caps = { perDay: 2, spacingSeconds: 60, perOrganizationPerDay: 2 };
    const args = {
      key: 'org1|a',
      organizationKey: 'org1',
      notBefore: local('2026-12-02T08:30', zone),
      policy: policy(zone),
      caps,
      store,
    };
    const first = await reserveSlot(args);
    const second = await reserveSlot(args);
    expect([show(first.at), show(second.at)]).toEqual(['Wed 09:00', 'Wed 09:01']);
    expect(show((await reserveSlot(args)).at)).toBe('Thu 09:00'); // Wednesday is full

    expect(await releaseSlots(store, first.ids)).toBe(3); // sender ticket, organization ticket, slot
    expect(show((await reserveSlot(args)).at)).toBe('Wed 09:00');
    expect(show((await reserveSlot(args)).at)).toBe('Thu 09:01'); // full again: the cap still holds
  });

  it('leaves ids it did not make alone', async () => {
    const store = memorySlotStore();
    await store.claim(['org1|draft|d1|2026-12-02T08:30:00.000Z']);
    expect(await releaseSlots(store, ['org1|draft|d1|2026-12-02T08:30:00.000Z', 'nonsense'])).toBe(0);
    expect(store.claimed.size).toBe(1);
  });
});
