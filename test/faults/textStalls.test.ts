// Untrusted text at the size limits (issue 18): the four stalls measured on the old code, plus
// 5,000-deep HTML, against the in-process app and worker. Each case's own work (its request, and
// for a send the rules and the worker until its draft settles) runs under
// perf_hooks.monitorEventLoopDelay; the longest delay must stay ≤ 100 ms (DESIGN invariant 10).
// A stall of the case's own work repeats on every run, a scheduling hiccup of the shared machine
// does not: the bound is asserted on the best of the runs, every run's figure is printed.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Draft, InboundMail } from '@follow-ups/db';
import { startWorker, terminateRunning } from '../helpers/backgroundWorker';
import { inboundPayload, type InboundMode } from '../helpers/inboundPayload';
import { nestedHtml, oneRowTable, punctuationBody, quoteHeaderLikeBody, spacesSubjectTemplate } from '../helpers/hostileText';
import { startTestApp, TEST_WEBHOOK_SECRET, type TestApp } from '../helpers/testApp';
import { eventually, newTaskQueue } from '../helpers/testWorker';
import { scenarioTimeout, trials } from './config';
import { figures } from './figures';
import { api, createFollowUpRule, listen, SENDER, trigger, TRIGGER, type Org } from './stack';

const MAX_DELAY_MS = 100;
const RUNS = trials(2, 5);
const DIVISOR = 60; // a follow-up one minute after its trigger is due a second after it

type Run = { delayMs: number; status: number };

/** The longest event-loop delay while `work` runs (10 ms resolution), and the HTTP status it reports. */
async function measured(work: () => Promise<number>): Promise<Run> {
  const monitor = monitorEventLoopDelay({ resolution: 10 });
  monitor.enable();
  try {
    const status = await work();
    return { delayMs: Math.round(monitor.max / 1e6), status };
  } finally {
    monitor.disable();
  }
}

describe('fault suite: untrusted text at the size limits holds no event loop', () => {
  const table = figures('textStalls');
  const taskQueue = newTaskQueue();
  let testApp: TestApp;
  let http: Awaited<ReturnType<typeof listen>>;
  let worker: { stop: () => Promise<void> };
  let org: Org;
  let recipients = 0;

  beforeAll(async () => {
    testApp = await startTestApp({ taskQueue, delayDivisor: DIVISOR });
    worker = startWorker(testApp, taskQueue);
    http = await listen(testApp);
    org = await testApp.newOrganization('Text stalls');
    await createFollowUpRule(http.baseUrl, org, [600]); // body_without_quote contains the trigger
  });
  afterAll(async () => {
    table.print();
    await worker?.stop();
    await terminateRunning(testApp, taskQueue);
    await http?.close();
    await testApp?.close();
  });

  /** Runs `work` RUNS times, records the figures, and checks the bound and that nothing answered 5xx. */
  async function scenario(name: string, work: () => Promise<number>): Promise<void> {
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measured(work));
    const best = Math.min(...runs.map((r) => r.delayMs));
    const fiveXx = runs.filter((r) => r.status >= 500).length;
    table.add({
      scenario: name,
      trials: runs.length,
      fiveXx,
      note: `max event-loop delay per run ${runs.map((r) => `${r.delayMs} ms`).join(', ')} (best ${best} ms, bound ${MAX_DELAY_MS} ms); statuses ${runs.map((r) => r.status).join(', ')}`,
    });
    expect({ delay: best <= MAX_DELAY_MS ? 'within the bound' : `${best} ms`, fiveXx }).toEqual({ delay: 'within the bound', fiveXx: 0 });
  }

  /** A draft sent now, whose body the body_without_quote rule reads; done when the draft is sent. */
  const sendDraft = (text: string) => async () => {
    const res = await api(http.baseUrl, org, 'POST', '/v1/drafts', {
      drafts: {
        subject: 'Quote',
        body: text,
        from_field: { address: SENDER },
        to_fields: [{ address: `stall.${recipients++}@prospect.test` }],
        send: true,
      },
    });
    if (res.status === 201) {
      const id = res.body.drafts.id as string;
      await eventually(async () => ((await Draft.findById(id).lean())?.status === 'sent' ? true : undefined), 20_000, 'the draft sent');
    }
    return res.status;
  };

  /** The prospect answers a trigger mail with an HTML-only reply; checks it was recorded as matched. */
  const replyWithHtml = (html: string, mode: InboundMode) => async () => {
    const recipient = `html.${recipients++}@prospect.test`;
    await trigger(http.baseUrl, org, recipient);
    const initial = await eventually(() => testApp.sink.list().find((m) => m.to.some((t) => t.email === recipient)), 20_000, 'trigger mail');
    const payload = inboundPayload(
      { from: recipient, to: [initial.replyTo!.email], subject: `Re: ${initial.subject}`, html, inReplyTo: initial.headers['Message-ID'] },
      { mode },
    );
    const res = await payload.postTo(http.baseUrl, TEST_WEBHOOK_SECRET);
    await res.arrayBuffer();
    const recorded = await InboundMail.findOne({ conversation: { $exists: true }, 'from.address': recipient, matched: true }).lean();
    return res.status === 200 && !recorded ? 599 : res.status; // 599: answered but not recorded
  };

  for (const chars of [3_000, 8_000]) {
    it(
      `a ${chars.toLocaleString('en')}-character body of quote-header-like lines through a body_without_quote rule`,
      () => scenario(`quote-header-like body, ${chars} chars`, sendDraft(`${TRIGGER}\n${quoteHeaderLikeBody(chars)}`)),
      scenarioTimeout(120_000, 300_000),
    );
  }

  it(
    'a subject template rendering 100,000 spaces, folded by the worker',
    () =>
      scenario('subject of 100,000 spaces', async () => {
        const own = await testApp.newOrganization(`Subject ${recipients}`);
        const res = await api(http.baseUrl, own, 'POST', '/v1/rules/templates/automatic-follow-ups', {
          trigger_phrase: TRIGGER,
          senders: [SENDER],
          followups: [
            { body: 'Just checking in.', phrase: 'Just checking in', subject: spacesSubjectTemplate(100_000), send_after: { amount: 1, unit: 'minutes' } },
          ],
        });
        if (res.status !== 201) return res.status;
        const conversation = await trigger(http.baseUrl, own, `subject.${recipients++}@prospect.test`);
        await eventually(
          async () => {
            const drafts = await Draft.find({ conversation }).lean();
            return drafts.length === 2 && drafts.every((d) => d.status !== 'scheduled' && d.status !== 'sending') ? true : undefined;
          },
          30_000,
          'the follow-up settled',
        );
        return res.status;
      }),
    scenarioTimeout(120_000, 300_000),
  );

  it(
    'a follow-up body of 100,000 characters of punctuation, trimmed for its phrase',
    () =>
      scenario('phrase trimming, 100,000 chars', async () => {
        const res = await api(http.baseUrl, org, 'POST', '/v1/rules/templates/automatic-follow-ups', {
          trigger_phrase: 'a phrase for the punctuation case',
          senders: [SENDER],
          followups: [{ body: punctuationBody(99_950), send_after: { amount: 600, unit: 'minutes' } }],
        });
        return res.status;
      }),
    scenarioTimeout(60_000, 300_000),
  );

  it(
    'a 1 MB one-row <table> replied as HTML only: 200, recorded',
    () => scenario('inbound 1 MB one-row table', replyWithHtml(oneRowTable(1_000_000), 'default')),
    scenarioTimeout(120_000, 300_000),
  );

  for (const mode of ['default', 'raw'] as const) {
    it(
      `5,000-deep nested HTML replied (${mode} post): 200, recorded`,
      () => scenario(`inbound 5,000-deep HTML, ${mode} post`, replyWithHtml(nestedHtml(5_000), mode)),
      scenarioTimeout(120_000, 300_000),
    );
  }
});
