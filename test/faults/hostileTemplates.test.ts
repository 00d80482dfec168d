// Hostile canned responses rendered by the real worker process (issue 8, items 2 and 6): file
// includes, huge loops, memory bombs, prototype walks. Each is either refused at save (4xx) or
// rendered harmlessly: no server file in any mail, no worker crash, its draft settled (sent or
// failed with a reason), and another organization's follow-up still goes out on time.
import fs from 'node:fs';
import path from 'node:path';
import { Draft } from '@follow-ups/db';
import { startTestApp, type TestApp } from '../helpers/testApp';
import { eventually, newTaskQueue } from '../helpers/testWorker';
import { formatStatuses } from './audit';
import { figures } from './figures';
import { api, listen, SENDER, trigger, TRIGGER, type Org } from './stack';
import { supervisedWorker } from './workers';

const DIVISOR = 60;
const TEMPLATES = [
  "{% include 'package.json' %}",
  "{% render 'package.json' %}",
  "{% layout 'package.json' %}x",
  "{% include '/etc/passwd' %}",
  "{% include '../../../../../../../../etc/passwd' %}",
  "{% include 'services/worker/src/main.ts' %}",
  '{% for i in (1..1000000000) %}{% endfor %}',
  '{% for i in (1..20000) %}{% for j in (1..20000) %}{% endfor %}{% endfor %}',
  "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s.size }}",
  '{{ recipient.constructor.constructor }}{{ user.__proto__ }}',
];
const root = path.resolve(__dirname, '../..');
/** Lines only a leaked file would put in a mail. */
const FILE_MARKERS = [
  fs.readFileSync(path.join(root, 'package.json'), 'utf8').split('\n')[1].trim(),
  'root:x:0:0',
  'loadWorkerConfig',
];

describe('fault suite: hostile canned responses in the worker', () => {
  const table = figures('hostileTemplates');
  let testApp: TestApp;
  let http: Awaited<ReturnType<typeof listen>>;
  let worker: ReturnType<typeof supervisedWorker>;

  beforeAll(async () => {
    testApp = await startTestApp({ taskQueue: newTaskQueue(), delayDivisor: DIVISOR });
    http = await listen(testApp);
    worker = supervisedWorker(testApp);
  });
  afterAll(async () => {
    table.print();
    await worker?.stop();
    await http?.close();
    await testApp?.close();
  });

  const ruleWith = (org: Org, body: string, minutes: number) =>
    api(http.baseUrl, org, 'POST', '/v1/rules/templates/automatic-follow-ups', {
      trigger_phrase: TRIGGER,
      senders: [SENDER],
      followups: [
        {
          body: `Hostile follow-up: ${body}`,
          phrase: 'Hostile follow-up',
          send_after: { amount: minutes, unit: 'minutes' },
        },
      ],
    });

  it('no file content in any mail, no worker crash, every hostile draft settled, another tenant’s follow-up on time', async () => {
    let rejected = 0;
    const hostile: string[] = [];
    for (const [i, body] of TEMPLATES.entries()) {
      const org = await testApp.newOrganization(`Hostile ${i}`);
      const res = await ruleWith(org, body, 2);
      if (res.status >= 400 && res.status < 500) rejected++;
      else if (res.status === 201) hostile.push(await trigger(http.baseUrl, org, `victim.${i}@prospect.test`));
      else throw new Error(`rule with ${body}: ${res.status}`);
    }
    const bystander = await testApp.newOrganization('Bystander');
    expect((await ruleWith(bystander, 'Just checking in, {{ recipient.first_name }}.', 4)).status).toBe(201);
    const control = await trigger(http.baseUrl, bystander, 'bob@prospect.test');
    const controlDraft = (await Draft.findOne({ conversation: control }).lean())!;

    // The bystander's follow-up is due 4 s after its trigger; a stalled worker would hold it back.
    const controlSent = await eventually(
      () => testApp.sink.list().find((m) => m.headers['Message-ID'] === controlDraft.messageId),
      30_000,
      'the bystander’s follow-up',
    ).then(
      (m) => Date.parse(m.receivedAt) - controlDraft.sendAt.getTime(),
      () => null,
    );
    const settled = await eventually(
      async () => {
        const drafts = await Draft.find({ conversation: { $in: hostile } }).lean();
        return drafts.every((d) => d.status !== 'scheduled' && d.status !== 'sending') ? drafts : undefined;
      },
      30_000,
      'hostile drafts settled',
    ).catch(async () => Draft.find({ conversation: { $in: hostile } }).lean());
    const unsettled = settled.filter((d) => d.status === 'scheduled' || d.status === 'sending').length;
    const crashes = worker.restarts;
    const leaks = testApp.sink
      .list()
      .filter((m) =>
        FILE_MARKERS.some((marker) => `${m.text ?? ''}${m.html ?? ''}${m.subject}`.includes(marker)),
      ).length;
    const statuses: Record<string, number> = {};
    for (const d of settled) statuses[d.status] = (statuses[d.status] ?? 0) + 1;

    table.add({
      scenario: 'hostile templates in the worker',
      trials: TEMPLATES.length,
      lost: unsettled,
      late: controlSent === null || controlSent > 5_000 ? 1 : 0,
      crashes,
      leaks,
      note: `${rejected} refused at save; rendered drafts: ${formatStatuses(statuses)}; bystander's follow-up ${controlSent === null ? 'never sent' : `sent ${controlSent} ms after due`}`,
    });
    expect({ leaks, crashes, unsettled, bystanderSent: controlSent !== null }).toEqual({
      leaks: 0,
      crashes: 0,
      unsettled: 0,
      bystanderSent: true,
    });
  }, 120_000);
});
