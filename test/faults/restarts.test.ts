// FerretDB and Temporal restarted mid-sequence (issue 8, item 6), on servers of this test's own
// (free ports, Temporal persisted to a file) so the shared test servers stay up. A third of the
// conversations get a reply while Temporal is down. Nothing may be lost or sent twice, nothing may
// go out after an accepted reply, and a replied sequence must end `replied`.
import { startTestApp, type TestApp } from '../helpers/testApp';
import { newTaskQueue } from '../helpers/testWorker';
import { auditFigures, auditFollowUps, formatStatuses, statusIsRight } from './audit';
import { scenarioTimeout, sleep, trials } from './config';
import { figures } from './figures';
import { ownServers, type OwnServers } from './ownServers';
import { startIngestProcess, type IngestProcess } from '../helpers/ingestProcess';
import { createFollowUpRule, listen, postReply, trigger, waitForSequences, type Org } from './stack';
import { supervisedWorker } from './workers';

// One "minute" lasts one second: follow-ups at +3, +6 and +9 s.
const DIVISOR = 60;
const CONVERSATIONS = trials(6, 24);
const OUTAGE_MS = 3_000;

describe('fault suite: FerretDB and Temporal restart mid-sequence', () => {
  const table = figures('restarts');
  const own = ownServers('restarts');
  let servers: OwnServers;
  let testApp: TestApp;
  let http: Awaited<ReturnType<typeof listen>>;
  let ingest: IngestProcess;
  let worker: ReturnType<typeof supervisedWorker>;
  const { startTemporalServer, startFerret } = own;

  beforeAll(async () => {
    servers = await own.start();
    testApp = await startTestApp({ taskQueue: newTaskQueue(), delayDivisor: DIVISOR });
    http = await listen(testApp);
    [ingest] = await Promise.all([startIngestProcess(testApp)]);
    worker = supervisedWorker(testApp);
  }, 180_000);
  afterAll(async () => {
    table.print();
    await Promise.all([worker?.stop(), ingest?.kill()]);
    await http?.close();
    await testApp?.close();
    await own.close(servers);
  }, 60_000);

  it(
    'nothing lost, nothing doubled, nothing after a reply accepted while Temporal was down',
    async () => {
      const org: Org = await testApp.newOrganization('Restarts');
      await createFollowUpRule(http.baseUrl, org, [3, 6, 9]);
      const started = Date.now();
      const conversations: string[] = [];
      for (let i = 0; i < CONVERSATIONS; i++)
        conversations.push(await trigger(ingest.baseUrl, org, `jane.${i}@prospect.test`));

      // FerretDB goes away while the first follow-ups fall due.
      await sleep(started + 2_500 - Date.now());
      await servers.ferret.stop();
      await sleep(OUTAGE_MS);
      servers.ferret = await startFerret();

      // Temporal goes away while the second fall due; a third of the prospects answer meanwhile.
      await sleep(started + 6_500 - Date.now());
      await servers.temporal.stop();
      const repliedAt = new Map<string, number>();
      let fiveXx = 0;
      for (const [i, conversation] of conversations.entries()) {
        if (i % 3 !== 0) continue;
        const reply = await postReply(ingest.baseUrl, testApp.sink.list(), `jane.${i}@prospect.test`).catch(() => ({
          status: 599,
          at: Date.now(),
        }));
        if (reply.status >= 500) fiveXx++;
        if (reply.status === 200) repliedAt.set(conversation, reply.at);
      }
      await sleep(OUTAGE_MS);
      servers.temporal = await startTemporalServer();
      const recovered = Date.now();

      // A send that failed during the outages is retried with backoff (2 s doubling, activityOptions.ts):
      // six failed attempts put the next one 128 s out, so the wait allows for late, not lost, sends.
      const statuses = await waitForSequences(testApp.deps.temporal, org.id, conversations, 480_000);
      await sleep(2_000);
      const audit = await auditFollowUps(testApp.sink.list(), conversations, { repliedAt, notBefore: recovered });
      const wrong = conversations.filter(
        (c) => !statusIsRight(statuses.get(c), repliedAt.has(c), audit.discardedIn.has(c)),
      );
      const crashes = worker.restarts + (ingest.child.exitCode === null ? 0 : 1);
      table.add({
        scenario: 'restarts: FerretDB, then Temporal',
        trials: CONVERSATIONS,
        ...auditFigures(audit),
        fiveXx,
        wrongStatus: wrong.length,
        crashes,
        note: `${audit.due} follow-ups due, ${repliedAt.size} replies while Temporal was down; worker restarted ${worker.restarts}×; drafts: ${formatStatuses(audit.statuses)}; wrong: ${wrong
          .map((c) => `${statuses.get(c)}${repliedAt.has(c) ? ' after a reply' : ''}`)
          .slice(0, 3)
          .join(', ')}; ${audit.examples.slice(0, 3).join('; ')}`,
      });
      expect({
        duplicates: audit.duplicates,
        lost: audit.lost,
        afterReply: audit.afterReply,
        fiveXx,
        failedReceived: audit.failedReceived,
        wrongStatus: wrong.length,
        crashes,
      }).toEqual({
        duplicates: 0,
        lost: 0,
        afterReply: 0,
        fiveXx: 0,
        failedReceived: 0,
        wrongStatus: 0,
        crashes: 0,
      });
    },
    scenarioTimeout(640_000, 840_000),
  );
});
