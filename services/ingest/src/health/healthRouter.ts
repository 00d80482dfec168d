import type { AppDeps } from '../deps';

/** GET /healthz: 200 when Temporal and MongoDB both answer, 503 naming the ones that do not. */
export async function checkHealth(deps: AppDeps) {
  const withTimeout = (p: Promise<unknown>) =>
    Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))]).catch(
      () => false,
    );
  const [temporal, mongodb] = await Promise.all([
    withTimeout(deps.temporal.workflowService.getSystemInfo({})),
    withTimeout(deps.pingMongo().then((ok) => (ok ? true : Promise.reject(new Error('down'))))),
  ]);
  const checks = { temporal: temporal ? 'up' : 'down', mongodb: mongodb ? 'up' : 'down' } as const;
  const down = Object.entries(checks)
    .filter(([, v]) => v === 'down')
    .map(([k]) => k);
  return down.length
    ? { status: 503 as const, body: { status: 'degraded' as const, checks, down } }
    : { status: 200 as const, body: { status: 'ok' as const, checks } };
}
