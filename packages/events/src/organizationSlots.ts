// Hook deliveries under way per organization in this worker process: one organization's slow or
// black-holed receivers take at most `limit` of the hook worker's slots, leaving the rest to others.
const inFlight = new Map<string, number>();

/** Takes a slot of `organization`; returns its release, or null when all `limit` are taken. */
export function takeOrganizationSlot(organization: string, limit: number): (() => void) | null {
  const taken = inFlight.get(organization) ?? 0;
  if (taken >= limit) return null;
  inFlight.set(organization, taken + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (inFlight.get(organization) ?? 1) - 1;
    if (left > 0) inFlight.set(organization, left);
    else inFlight.delete(organization);
  };
}

/** Default of `HOOKS_MAX_CONCURRENT_PER_ORGANIZATION`. */
export const DEFAULT_HOOK_DELIVERIES_PER_ORGANIZATION = 5;
