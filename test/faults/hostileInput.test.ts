// Hostile input against the real built app (issue 8, item 6): generated cases for every route of
// the contract and the Inbound Parse webhook, plus the hand-written cases of the issue. Each case
// must answer without a 5xx, the app must keep answering, and a 4xx must leave every collection
// exactly as it was (nothing half-written).
import http from 'node:http';
import { allModels } from '@follow-ups/db';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { startWorker, terminateRunning } from '../helpers/backgroundWorker';
import { startTestApp, type TestApp } from '../helpers/testApp';
import { newTaskQueue } from '../helpers/testWorker';
import { SEED, scenarioTimeout, sleep, trials } from './config';
import { figures } from './figures';
import { nastyCases } from './handWrittenCases';
import { generatedCases, type HostileCase, type HostileContext } from './hostileCases';
import { api, createFollowUpRule, listen, trigger, type Org } from './stack';

// Bounded (npm test): 100 generated cases beside the hand-written ones; the full run takes 2,000.
const GENERATED = trials(100, 2_000);
const REQUEST_TIMEOUT_MS = 5_000;

type Answer = { status: number; body: string };
type Outcome = { case: HostileCase; answer: Answer | null; error?: string; halfWritten: boolean; clear: boolean };

/** A raw HTTP request: the path goes out byte for byte (malformed percent-encoding included). */
function send(baseUrl: string, c: HostileCase, token: string): Promise<Answer> {
  const url = new URL(baseUrl);
  const headers = Object.fromEntries(Object.entries(c.headers ?? {}).map(([k, v]) => [k, v.replace('TOKEN', token)]));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: c.method,
        path: c.path,
        headers: { ...headers, ...(c.body ? { 'content-length': String(c.body.length) } : {}) },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(c.body);
  });
}

const countAll = async () =>
  Promise.all(allModels.map((m) => (m as unknown as { countDocuments: () => Promise<number> }).countDocuments()));

/** Waits until no collection changes for a second (at most 30 s). */
async function settle(): Promise<void> {
  let last = JSON.stringify(await countAll());
  for (let i = 0; i < 30; i++) {
    await sleep(1_000);
    const now = JSON.stringify(await countAll());
    if (now === last) return;
    last = now;
  }
}

/** A 4xx body carries `{ error: { code } }`; 431 comes from Node's HTTP parser before the app sees the request. */
function machineReadable(status: number, body: string): boolean {
  if (status === 431) return true;
  try {
    return typeof JSON.parse(body)?.error?.code === 'string';
  } catch {
    return false;
  }
}

describe('fault suite: hostile input against the built app', () => {
  const table = figures('hostileInput');
  const taskQueue = newTaskQueue();
  let testApp: TestApp;
  let httpServer: Awaited<ReturnType<typeof listen>>;
  let org: Org;
  let ctx: HostileContext;
  let nasty: Outcome[] = [];
  let worker: { stop: () => Promise<void> };

  beforeAll(async () => {
    testApp = await startTestApp({ taskQueue });
    // A worker serves the sequences, so stop/pause/resume get their answer (follow-ups are an hour away).
    worker = startWorker(testApp, taskQueue);
    httpServer = await listen(testApp);
    org = await testApp.newOrganization();
    await createFollowUpRule(httpServer.baseUrl, org, [60, 120]);
    const [responses, rules, labels] = await Promise.all(
      ['/v1/responses', '/v1/rules', '/v1/shared_labels'].map((p) => api(httpServer.baseUrl, org, 'GET', p)),
    );
    const conversationId = await trigger(httpServer.baseUrl, org, 'jane@prospect.test');
    ctx = {
      responseId: responses.body.responses[0].id,
      ruleId: rules.body.rules[0].id,
      labelId: labels.body.shared_labels[0].id,
      conversationId,
      sequenceId: sequenceWorkflowId(org.id, conversationId),
    };
  });
  afterAll(async () => {
    table.print();
    await worker?.stop();
    await terminateRunning(testApp, taskQueue);
    await httpServer?.close();
    await testApp?.close();
  });

  /** Runs the cases one by one, checking the collections around each. */
  async function run(cases: HostileCase[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let before = await countAll();
    for (const [i, c] of cases.entries()) {
      let answer: Answer | null = null;
      let error: string | undefined;
      try {
        answer = await send(httpServer.baseUrl, c, org.token);
      } catch (e) {
        error = (e as Error).message;
      }
      // A request that got no answer may still be writing: let it finish before the next case.
      if (answer === null) await settle();
      const rejected = answer !== null && answer.status >= 400 && answer.status < 500;
      const after = await countAll();
      const halfWritten = rejected && JSON.stringify(after) !== JSON.stringify(before);
      before = after;
      outcomes.push({
        case: c,
        answer,
        error,
        halfWritten,
        clear: !rejected || machineReadable(answer!.status, answer!.body),
      });
      if (i % 50 === 49 && (await api(httpServer.baseUrl, org, 'GET', '/healthz')).status !== 200)
        outcomes.push({
          case: { name: 'health check', method: 'GET', path: '/healthz' },
          answer: null,
          error: 'app not healthy',
          halfWritten: false,
          clear: true,
        });
    }
    return outcomes;
  }

  function summarise(scenario: string, outcomes: Outcome[]) {
    const fiveXx = outcomes.filter((o) => (o.answer?.status ?? 0) >= 500);
    const dead = outcomes.filter((o) => o.answer === null);
    const halfWritten = outcomes.filter((o) => o.halfWritten);
    const unclear = outcomes.filter((o) => !o.clear);
    const names = (list: Outcome[]) =>
      list
        .slice(0, 8)
        .map((o) => `${o.case.name} → ${o.answer?.status ?? o.error}`)
        .join('; ');
    table.add({
      scenario,
      trials: outcomes.length,
      fiveXx: fiveXx.length,
      halfWritten: halfWritten.length,
      crashes: dead.length,
      note: `${unclear.length} 4xx without a machine-readable error; 5xx: ${names(fiveXx) || 'none'}; no answer: ${names(dead) || 'none'}; half-written: ${names(halfWritten) || 'none'}; seed ${SEED}`,
    });
    return { fiveXx: names(fiveXx), noAnswer: names(dead), halfWritten: names(halfWritten), unclear: names(unclear) };
  }

  it(
    `${GENERATED} generated cases: no 5xx, the app keeps answering, a 4xx writes nothing`,
    async () => {
      const outcomes = await run(generatedCases(ctx, GENERATED, SEED));
      expect((await api(httpServer.baseUrl, org, 'GET', '/healthz')).status).toBe(200);
      expect(summarise('hostile input, generated', outcomes)).toEqual({
        fiveXx: '',
        noAnswer: '',
        halfWritten: '',
        unclear: '',
      });
    },
    scenarioTimeout(240_000, 1_200_000),
  );

  it(
    'the hand-written cases of issue 8: no 5xx, the app keeps answering, a 4xx writes nothing',
    async () => {
      nasty = await run(nastyCases(ctx));
      expect((await api(httpServer.baseUrl, org, 'GET', '/healthz')).status).toBe(200);
      expect(summarise('hostile input, hand-written', nasty)).toEqual({
        fiveXx: '',
        noAnswer: '',
        halfWritten: '',
        unclear: '',
      });
    },
    scenarioTimeout(240_000, 600_000),
  );

  it('the hand-written cases get the answer issue 8 asks for', () => {
    const answered = (o: Outcome) => (o.answer ? `${String(o.answer.status)[0]}xx` : 'none');
    const wrong = nasty
      .filter((o) => o.case.expect && answered(o) !== o.case.expect)
      .map((o) => `${o.case.name}: ${o.answer?.status ?? o.error} (expected ${o.case.expect})`);
    expect(wrong).toEqual([]);
  });
});
