// Trial counts of the fault suite: small inside `npm test`, full with `npm run faults` (FAULTS_FULL=1).
export const FULL = process.env.FAULTS_FULL === '1';

/** `bounded` inside `npm test`, `full` under `npm run faults`. */
export const trials = (bounded: number, full: number): number => (FULL ? full : bounded);

/** Jest timeout for one scenario: generous, the figures are what matters. */
export const scenarioTimeout = (boundedMs: number, fullMs: number): number => (FULL ? fullMs : boundedMs);

/** fast-check seed, printed with the figures so a failing case can be replayed (FAULTS_SEED=…). */
export const SEED = Number(process.env.FAULTS_SEED ?? Date.now() % 2_147_483_647);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
