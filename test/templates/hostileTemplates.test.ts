// Canned responses written to read the server's files or to bring the worker down, on the real
// stack: refused at save where that can be seen; otherwise their drafts fail with the reason while
// the real worker process keeps running and sends another organization's follow-up.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { Response, Rule } from '@follow-ups/db';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { EXPENSIVE_TEMPLATES, FILE_READING_TEMPLATES } from '../../packages/domain/src/testing/hostileTemplates';
import { useTestApp } from '../helpers/testApp';
import { eventually, newTaskQueue } from '../helpers/testWorker';
import { startWorkerProcess } from '../helpers/workerProcess';

// "1 day" lasts 4 seconds here.
const DIVISOR = 21_600;
const TRIGGER = 'Here is the quote you requested';
const PROSPECT = { address: 'jane@prospect.test', name: 'Jane <b>Doe</b>' };
// A line of the repository's package.json that no follow-up could contain by chance.
const FILE_LINE = readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')
  .split('\n')
  .find((l) => l.includes('"workspaces"'))!
  .trim();

describe('hostile canned responses', () => {
  const testApp = useTestApp({ taskQueue: newTaskQueue(), delayDivisor: DIVISOR });
  const api = () => request(testApp.app);

  describe('at save', () => {
    it.each(Object.entries(FILE_READING_TEMPLATES))(
      '400 for a %s body or subject in POST /v1/responses; nothing is written',
      async (_name, template) => {
        const org = await testApp.newOrganization();
        const res = await api()
          .post('/v1/responses')
          .set(org.auth)
          .send({
            responses: [
              { title: 'Ok', body: 'Fine.' },
              { title: 'Bad', subject: template, body: template },
            ],
          });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('validation_error');
        expect(res.body.error.issues).toEqual([
          {
            path: 'body.responses.1.subject',
            message: expect.stringMatching(/tag is not available in canned responses/),
          },
          { path: 'body.responses.1.body', message: expect.stringMatching(/tag is not available in canned responses/) },
        ]);
        expect(await Response.countDocuments({ organization: org.id })).toBe(0);
      },
    );

    it('400 for a file tag in PATCH /v1/responses/:id and in the rule template; nothing changes', async () => {
      const org = await testApp.newOrganization();
      const created = await api()
        .post('/v1/responses')
        .set(org.auth)
        .send({ responses: [{ title: 'Ok', body: 'Fine.' }] })
        .expect(201);
      const id = created.body.responses[0].id;
      const patch = await api()
        .patch(`/v1/responses/${id}`)
        .set(org.auth)
        .send({ responses: { body: FILE_READING_TEMPLATES.include } });
      expect(patch.status).toBe(400);
      expect(patch.body.error.issues).toEqual([
        { path: 'body.responses.body', message: expect.stringMatching(/"include" tag is not available/) },
      ]);
      expect((await Response.findById(id).lean())!.body).toBe('Fine.');

      const rule = await api()
        .post('/v1/rules/templates/automatic-follow-ups')
        .set(org.auth)
        .send({
          trigger_phrase: TRIGGER,
          senders: ['alex@seller.test'],
          followups: [
            { body: `Just checking in. ${FILE_READING_TEMPLATES.render}`, send_after: { amount: 1, unit: 'days' } },
          ],
        });
      expect(rule.status).toBe(400);
      expect(rule.body.error.issues).toEqual([
        { path: 'body.followups.0.body', message: expect.stringMatching(/"render" tag is not available/) },
      ]);
      expect(await Rule.countDocuments({ organization: org.id })).toBe(0);
    });

    it('400 for a template over 100,000 characters, or with HTML nested too deeply to render', async () => {
      const org = await testApp.newOrganization();
      const long = await api()
        .post('/v1/responses')
        .set(org.auth)
        .send({ responses: [{ title: 'Long', body: 'x'.repeat(100_001) }] });
      expect(long.status).toBe(400);
      expect(long.body.error.issues).toEqual([
        { path: 'body.responses.0.body', message: 'invalid Liquid template: longer than 100000 characters' },
      ]);
      const deep = await api()
        .post('/v1/responses')
        .set(org.auth)
        .send({ responses: [{ title: 'Deep', body: '<div>'.repeat(20_000) }] });
      expect(deep.status).toBe(400);
      expect(deep.body.error.issues[0].message).toMatch(/nested too deeply/);
    });
  });

  it('at render: each hostile draft fails with its reason, no file reaches the prospect, and the worker sends the next organization its follow-up', async () => {
    const hostile = await testApp.newOrganization('Hostile');
    const created = await api()
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(hostile.auth)
      .send({
        trigger_phrase: TRIGGER,
        senders: ['mallory@hostile.test'],
        followups: [
          {
            body: `First hostile note here. ${EXPENSIVE_TEMPLATES.hugeRange}`,
            send_after: { amount: 1, unit: 'days' },
          },
          { body: 'A stored include, written before save checked for it.', send_after: { amount: 2, unit: 'days' } },
          {
            body: `Third hostile note here. ${EXPENSIVE_TEMPLATES.nestedLoops}`,
            send_after: { amount: 3, unit: 'days' },
          },
        ],
      });
    expect(created.body).toMatchObject({ responses: [{}, {}, {}] });
    // As a response stored before this check existed would be.
    await Response.updateOne(
      { _id: created.body.responses[1].id },
      { $set: { body: `Hi {{ recipient.first_name }}: ${FILE_READING_TEMPLATES.include}` } },
    );

    const normal = await testApp.newOrganization('Normal');
    await api()
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(normal.auth)
      .send({
        trigger_phrase: TRIGGER,
        senders: ['alex@seller.test'],
        followups: [
          {
            body: '<p>Hi {{ recipient.name }}, just checking in on the quote.</p>',
            send_after: { amount: 1, unit: 'days' },
          },
        ],
      })
      .expect(201);

    const worker = startWorkerProcess(testApp);
    try {
      const sendTrigger = (org: typeof hostile, from: string) =>
        api()
          .post('/v1/drafts')
          .set(org.auth)
          .send({
            drafts: {
              subject: 'Quote',
              body: `${TRIGGER}.`,
              from_field: { address: from },
              to_fields: [PROSPECT],
              send: true,
            },
          })
          .expect(201);
      const attack = (await sendTrigger(hostile, 'mallory@hostile.test')).body.drafts.conversation;
      const drafts = await eventually(
        async () => {
          const res = await api().get(`/v1/conversations/${attack}/drafts`).set(hostile.auth).expect(200);
          const list = res.body.drafts as { status: string; reason: string | null }[];
          return list.length === 3 && list.every((d) => d.status === 'failed') ? list : undefined;
        },
        60_000,
        'the three hostile drafts failed',
      );
      expect(drafts.map((d) => d.reason)).toEqual([
        expect.stringMatching(/could not be rendered: memory alloc limit exceeded/),
        expect.stringMatching(/could not be rendered: the "include" tag is not available in canned responses/),
        expect.stringMatching(
          /could not be rendered: (loop iterations limit exceeded|template render limit exceeded|it took longer than)/,
        ),
      ]);
      const sequence = await testApp.deps.temporal.workflow.getHandle(sequenceWorkflowId(hostile.id, attack)).result();
      expect(sequence.status).toBe('failed'); // the sequence ended, every step failed

      // The same worker process, still up, sends the other organization's follow-up, values escaped.
      const conversation = (await sendTrigger(normal, 'alex@seller.test')).body.drafts.conversation;
      const followUp = await eventually(
        () =>
          testApp.sink.list().find((m) => m.customArgs?.conversation_id === conversation && m.subject === 'Re: Quote'),
        30_000,
        'the normal follow-up',
      );
      expect(followUp.html).toContain('<p>Hi Jane &lt;b&gt;Doe&lt;/b&gt;, just checking in on the quote.</p>');
      expect(worker.child.exitCode).toBeNull();
      expect(worker.child.signalCode).toBeNull();

      const mails = testApp.sink.list();
      expect(mails.filter((m) => m.customArgs?.conversation_id === attack).map((m) => m.subject)).toEqual(['Quote']); // the trigger only
      for (const mail of mails) expect(JSON.stringify(mail)).not.toContain(FILE_LINE);
      expect(worker.output()).not.toMatch(/FATAL|out of memory|invalid size/i);
    } finally {
      await worker.kill();
    }
  });
});
