import { z } from 'zod';
import { baseEnvSchema, payloadKeyEnvSchema, replyEnvSchema, sendgridEnvSchema } from './base';
import { memoise, parseEnv } from './parse';

const count = (min: number) => z.coerce.number().int().min(min);

/**
 * How much the worker holds and runs at once (defaults measured with `npm run bench`, see
 * docs/performance.md). A cached sequence costs ~0.5 MB; one evicted from the cache is replayed from its
 * short history when it next wakes, so a small cache bounds memory at little cost.
 */
export const workerTuningEnvSchema = z.object({
  /**
   * Sequences kept in memory between their workflow tasks (SDK default: ~600 per GB of heap; at least the
   * workflow tasks run at once). A follow-up is one workflow task (its send a local activity), so a
   * sequence is rarely found cached; 40: 10,000 due at 385 MB, against 424 with 100 (one run each).
   */
  WORKER_MAX_CACHED_WORKFLOWS: count(0).default(40),
  /**
   * Workflow tasks run at once (at least 2 with a cache). A follow-up's send runs inside its task and
   * holds its slot: 10,000 due, sends per second 18.9 at 10, 36-37 at 20, 31.7 at 30 (one run each).
   */
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: count(2).default(20),
  /** Activities (sends, discards) run at once: each is a few MongoDB round trips and one SendGrid call. */
  WORKER_MAX_CONCURRENT_ACTIVITIES: count(1).default(20),
  /** Hook deliveries run at once, on their own task queue (`<TEMPORAL_TASK_QUEUE>-hooks`): never the sends' slots. */
  WORKER_MAX_CONCURRENT_HOOK_DELIVERIES: count(1).default(20),
  /** How long a task waits on this worker's sticky queue before any worker may take it. */
  WORKER_STICKY_QUEUE_TIMEOUT_MS: count(100).default(10_000),
  /** One V8 context per workflow thread, shared by every cached sequence (the SDK's default; ~2/3 less memory than one per sequence). */
  WORKER_REUSE_V8_CONTEXT: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /**
   * Young-generation semi-space (MB, V8's `--max-semi-space-size`) of the threads the worker starts: the
   * workflow thread and the template render threads (0: V8's own, which grows to 16 MB of new space per
   * busy thread). 2: the worker's RSS at the due time of 300 follow-ups ~27 MB lower at the same CPU per
   * follow-up (`npm run bench -- --quick --only=sleeping`, two runs each); 10,000 sleeping: 370 -> 347 MB
   * asleep, 446 -> 426 MB at the due time (one run each, same machine and load).
   */
  WORKER_THREAD_SEMI_SPACE_MB: count(0).max(64).default(2),
});

/**
 * The node flags the worker process starts with (npm start, the local cluster, the benchmark, compose and
 * k8s): its main thread's young generation capped as the threads' are (a process's own heap is sized at its
 * start, so only a flag sets it). 10,000 sleeping, RSS at the due time over the first 100 s
 * (`npm run bench -- --only=sleeping --drain=90`, one run each): V8's default (16 MB) 425 MB, 8 MB 401 MB,
 * 4 MB 371 MB, at 27.3, 25.2 and 25.3 sends per second.
 */
export const WORKER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];

export const workerEnvSchema = baseEnvSchema
  .merge(sendgridEnvSchema)
  .merge(replyEnvSchema)
  .merge(payloadKeyEnvSchema)
  .merge(workerTuningEnvSchema)
  .extend({
    /** Where ingest is reachable: the base of the one-click unsubscribe links in follow-ups. */
    PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
    /** A prebuilt workflow bundle (tests and benches build it once); unset: the worker bundles workflows/. */
    FOLLOWUPS_WORKFLOW_BUNDLE: z.string().min(1).optional(),
    /** Hook deliveries of one organization under way at once in this worker process; the others wait their turn. */
    HOOKS_MAX_CONCURRENT_PER_ORGANIZATION: count(1).default(5),
    /** An `unknown` delivery no Event Webhook event confirmed within this many seconds is resent once (0: never). */
    UNKNOWN_RESEND_AFTER_SECONDS: z.coerce
      .number()
      .min(0)
      .max(7 * 86_400)
      .default(900),
  });

export type WorkerTuning = z.infer<typeof workerTuningEnvSchema>;
export type WorkerConfig = z.infer<typeof workerEnvSchema>;
export const loadWorkerConfig = memoise(() => parseEnv(workerEnvSchema));
/** The tuning an unset environment gets. */
export const defaultWorkerTuning: WorkerTuning = workerTuningEnvSchema.parse({});
