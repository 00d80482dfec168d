// Sending windows, recipient time zones, holidays and daily caps: pure schedule logic (Luxon, date-holidays).
export * from './types';
export * from './timeZones';
export * from './holidays';
export * from './window';
export * from './businessDays';
export * from './sendSlots';
export * from './releaseSlots';
export * from './plan';
export * from './outOfOffice';
