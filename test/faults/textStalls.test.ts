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
import {
  nestedHtml,
  oneRowTable,
  punctuationBody,
  quoteHeaderLikeBody,
  spacesSubjectTemplate,
} from '../helpers/hostileText';
import { startTestApp, TEST_WEBHOOK_SECRET, type TestApp } from '../helpers/testApp';
import { eventually, newTaskQueue } from '../helpers/testWorker';
import { renderCannedResponse } from '../../services/worker/src/activities/renderCannedResponse';
import { scenarioTimeout, trials } from './config';
import { figures } from './figures';
import { api, createFollowUpRule, listen, SENDER, trigger, TRIGGER, type Org } from './stack';

const MAX_DELAY_MS = 100;
const RUNS = trials(3, 5);
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
    // Warm-up, not measured: a process's first send and first webhook load and compile what every
    // later one reuses; that is start-up, not the work of a case.
    await (
      await sendDraft(`${TRIGGER}, warm-up.`)()
    )();
    await (
      await replyWithHtml('<p>Thanks, warm-up.</p>', 'raw')()
    )();
  });
  afterAll(async () => {
    table.print();
    await worker?.stop(); // already stopped by the inbound cases; stopping again is harmless
    await terminateRunning(testApp, taskQueue);
    await http?.close();
    await testApp?.close();
  });

  /** Runs `work` RUNS times, records the figures, and checks the bound and that nothing answered 5xx. */
  async function scenario(name: string, prepare: () => Promise<() => Promise<number>>): Promise<void> {
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measured(await prepare()));
    const best = Math.min(...runs.map((r) => r.delayMs));
    const fiveXx = runs.filter((r) => r.status >= 500).length;
    table.add({
      scenario: name,
      trials: runs.length,
      fiveXx,
      note: `max event-loop delay per run ${runs.map((r) => `${r.delayMs} ms`).join(', ')} (best ${best} ms, bound ${MAX_DELAY_MS} ms); statuses ${runs.map((r) => r.status).join(', ')}`,
    });
    expect({ delay: best <= MAX_DELAY_MS ? 'within the bound' : `${best} ms`, fiveXx }).toEqual({
      delay: 'within the bound',
      fiveXx: 0,
    });
  }

  /** A draft sent now: its request runs the outgoing rules, whose body_without_quote condition reads the body. */
  const sendDraft = (text: string) => async () => async () =>
    (
      await api(http.baseUrl, org, 'POST', '/v1/drafts', {
        drafts: {
          subject: 'Quote',
          body: text,
          from_field: { address: SENDER },
          to_fields: [{ address: `stall.${recipients++}@prospect.test` }],
          send: true,
        },
      })
    ).status;

  /** The prospect answers a trigger mail (sent before the measurement) with an HTML-only reply; 599 when not recorded. */
  const replyWithHtml = (html: string, mode: InboundMode) => async () => {
    const recipient = `html.${recipients++}@prospect.test`;
    await trigger(http.baseUrl, org, recipient);
    const initial = await eventually(
      () => testApp.sink.list().find((m) => m.to.some((t) => t.email === recipient)),
      20_000,
      'trigger mail',
    );
    const payload = inboundPayload(
      {
        from: recipient,
        to: [initial.replyTo!.email],
        subject: `Re: ${initial.subject}`,
        html,
        inReplyTo: initial.headers['Message-ID'],
      },
      { mode },
    );
    return async () => {
      const res = await payload.postTo(http.baseUrl, TEST_WEBHOOK_SECRET);
      await res.arrayBuffer();
      const recorded = await InboundMail.findOne({ 'from.address': recipient, matched: true }).lean();
      return res.status === 200 && !recorded ? 599 : res.status;
    };
  };

  for (const chars of [3_000, 8_000]) {
    it(
      `a ${chars.toLocaleString('en')}-character body of quote-header-like lines through a body_without_quote rule`,
      () => scenario(`quote-header-like body, ${chars} chars`, sendDraft(`${TRIGGER}\n${quoteHeaderLikeBody(chars)}`)),
      scenarioTimeout(120_000, 300_000),
    );
  }

  it(
    'a subject template rendering 100,000 spaces: its follow-up settles, and the worker activity folds it',
    async () => {
      const subject = spacesSubjectTemplate(100_000);
      const own = await testApp.newOrganization('Subject of spaces');
      const rule = await api(http.baseUrl, own, 'POST', '/v1/rules/templates/automatic-follow-ups', {
        trigger_phrase: TRIGGER,
        senders: [SENDER],
        followups: [
          {
            body: 'Just checking in.',
            phrase: 'Just checking in',
            subject,
            send_after: { amount: 1, unit: 'minutes' },
          },
        ],
      });
      expect(rule.status).toBe(201);
      const conversation = await trigger(http.baseUrl, own, 'spaces@prospect.test');
      const settled = await eventually(
        async () => {
          const followUp = await Draft.findOne({ conversation, kind: 'followup' }).lean();
          return followUp && !['scheduled', 'sending', 'resending'].includes(followUp.status)
            ? followUp.status
            : undefined;
        },
        60_000,
        'the follow-up settled',
      );
      expect(['sent', 'failed']).toContain(settled);
      // The fold runs in the activity on the worker's event loop (the render itself on a sandbox thread).
      await scenario('subject of 100,000 spaces', async () => async () => {
        const rendered = await renderCannedResponse(
          { body: 'Just checking in.', subject },
          { recipient: { email: 'a@b.test' }, user: { email: SENDER } },
          'Quote',
        );
        return rendered.subject.length > 100_000 ? 200 : 500;
      });
    },
    scenarioTimeout(120_000, 300_000),
  );

  it(
    'a follow-up body of 100,000 characters of punctuation, trimmed for its phrase',
    () =>
      scenario('phrase trimming, 100,000 chars', async () => {
        const own = await testApp.newOrganization(`Punctuation ${recipients++}`);
        return async () => {
          const res = await api(http.baseUrl, own, 'POST', '/v1/rules/templates/automatic-follow-ups', {
            trigger_phrase: 'a phrase for the punctuation case',
            senders: [SENDER],
            followups: [{ body: punctuationBody(99_950), send_after: { amount: 600, unit: 'minutes' } }],
          });
          return res.status;
        };
      }),
    scenarioTimeout(60_000, 300_000),
  );

  describe('inbound HTML', () => {
    // The webhook's own work: the in-process Temporal worker is stopped, so the workflows a reply
    // starts or signals (run by the worker process in production) are not measured with it.
    beforeAll(() => worker.stop());

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
});
