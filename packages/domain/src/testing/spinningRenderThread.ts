// A sandbox thread for the sandbox's own tests: the template "spin" never finishes (a tight loop
// only terminating the thread ends), "wait <ms>" answers after that long, "env" answers the names in
// the thread's process.env, anything else is echoed.
import { parentPort } from 'node:worker_threads';
import type { RenderReply, RenderRequest } from '../templates/templateSandbox';

parentPort!.on('message', (job: RenderRequest) => {
  const reply = (): void =>
    parentPort!.postMessage({ id: job.id, ok: true, value: job.template } satisfies RenderReply);
  if (job.template === 'spin') for (;;);
  if (job.template === 'env')
    return parentPort!.postMessage({ id: job.id, ok: true, value: Object.keys(process.env) } satisfies RenderReply);
  const wait = /^wait (\d+)$/.exec(job.template);
  if (wait) setTimeout(reply, Number(wait[1]));
  else reply();
});
parentPort!.postMessage({ ready: true } satisfies RenderReply);
