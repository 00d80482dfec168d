// What the cluster fault scenario needs beside the other scenarios' helpers: a load balancer over
// the ingests that can take one out (drained) while it or its FerretDB is down, and the time the
// cluster takes to move a dead node's history shards to the living ones.
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { sleep } from './config';

/** Routes requests to the ingests that are in; `drain(i)` takes one out once its requests are answered. */
export function ingestBalancer(urls: string[]) {
  const out = new Set<number>();
  const inFlight = urls.map(() => 0);
  const choose = (preferred: number) => {
    for (let k = 0; k < urls.length; k++) {
      const i = (preferred + k) % urls.length;
      if (!out.has(i)) return i;
    }
    throw new Error('no ingest is in the balancer');
  };
  return {
    /** Runs `request` against ingest `preferred` (or the next one in). */
    async via<T>(preferred: number, request: (baseUrl: string) => Promise<T>): Promise<T> {
      const i = choose(preferred);
      inFlight[i]++;
      try {
        return await request(urls[i]);
      } finally {
        inFlight[i]--;
      }
    },
    /** `via`, tried again (on the next ingest in) when the connection fails, as SendGrid does with its posts. */
    async retrying<T>(preferred: number, request: (baseUrl: string) => Promise<T>, attempts = 10): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.via(preferred, request);
        } catch (error) {
          if (attempt >= attempts) throw error;
          await sleep(1_000);
        }
      }
    },
    /** Takes ingest i out; resolves once its requests are answered (or after `timeoutMs`). */
    async drain(i: number, timeoutMs = 180_000): Promise<void> {
      out.add(i);
      const deadline = Date.now() + timeoutMs;
      while (inFlight[i] > 0 && Date.now() < deadline) await sleep(50);
    },
    restore(i: number, url = urls[i]): void {
      urls[i] = url;
      out.delete(i);
    },
  };
}

const PROBE_TASK_QUEUE = 'cluster-takeover-probe';
/** 128 random workflow ids land on every one of 16 shards but with probability 0.4 %. */
const PROBES = 128;

/**
 * Starts PROBES workflows (random ids, so spread over the shards; no worker polls their queue and
 * they time out after a minute) through `client`, each retried until the history shard that owns
 * its id accepts it. Resolves with the ms until the last one was accepted: after a node's death,
 * how long the cluster took to give its shards to the living nodes.
 */
export async function timeUntilEveryShardAnswers(client: Client, timeoutMs = 300_000): Promise<number> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  const times = await Promise.all(
    Array.from({ length: PROBES }, async () => {
      const workflowId = `takeover-probe-${randomUUID()}`;
      for (;;) {
        try {
          await client.connection.withDeadline(Date.now() + 5_000, () =>
            client.workflow.start('takeoverProbe', {
              taskQueue: PROBE_TASK_QUEUE,
              workflowId,
              workflowExecutionTimeout: '1 minute',
            }),
          );
          return Date.now() - started;
        } catch (error) {
          if (error instanceof WorkflowExecutionAlreadyStartedError) return Date.now() - started;
          if (Date.now() > deadline)
            throw new Error(`shard of ${workflowId} not answering after ${timeoutMs} ms: ${(error as Error).message}`);
          await sleep(250);
        }
      }
    }),
  );
  return Math.max(...times);
}
