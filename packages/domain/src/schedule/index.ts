// When follow-ups go: delays from the initial email, sending windows, recipient time zones, holidays,
// daily caps, out-of-office pauses and the plan's clock. Pure schedule logic (Luxon, date-holidays).
export * from './types';
export * from './delays';
export * from './timeZones';
export * from './holidays';
export * from './window';
export * from './businessDays';
export * from './sendSlots';
export * from './releaseSlots';
export * from './plan';
export * from './outOfOffice';
export * from './planClock';
