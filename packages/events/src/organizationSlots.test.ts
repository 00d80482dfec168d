import { takeOrganizationSlot } from './organizationSlots';

describe('per-organization delivery slots', () => {
  it('gives an organization at most `limit` at once, others keep theirs, a release frees one (once)', () => {
    const a1 = takeOrganizationSlot('org-a', 2);
    const a2 = takeOrganizationSlot('org-a', 2);
    expect(a1 && a2).toBeTruthy();
    expect(takeOrganizationSlot('org-a', 2)).toBeNull();
    const b = takeOrganizationSlot('org-b', 2);
    expect(b).not.toBeNull();
    a1!();
    a1!(); // a second release changes nothing
    const a3 = takeOrganizationSlot('org-a', 2);
    expect(a3).not.toBeNull();
    expect(takeOrganizationSlot('org-a', 2)).toBeNull();
    [a2, a3, b].forEach((release) => release!());
  });
});
