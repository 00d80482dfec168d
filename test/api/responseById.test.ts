// GET and DELETE /v1/responses/:id, and the files a canned response carries.
import request from 'supertest';
import { loadAttachments, Response } from '@follow-ups/db';
import { startTestApp, type TestApp } from '../helpers/testApp';

let testApp: TestApp;
let org: Awaited<ReturnType<TestApp['newOrganization']>>;
beforeAll(async () => {
  testApp = await startTestApp();
  org = await testApp.newOrganization();
});
afterAll(() => testApp.close());

const api = () => request(testApp.app);
const brochure = { filename: 'brochure.pdf', base64_data: Buffer.from('%PDF brochure').toString('base64') };
const create = async (fields: object) =>
  (
    await api()
      .post('/v1/responses')
      .set(org.auth)
      .send({ responses: [{ title: 'Checking in', body: 'Just checking in.', ...fields }] })
      .expect(201)
  ).body.responses[0];

it('GET returns one canned response with its files; 404 for another organization', async () => {
  const created = await create({ attachments: [brochure] });
  expect(created.attachments).toEqual([{ filename: 'brochure.pdf', content_type: 'application/pdf', size: 13 }]);
  const res = await api().get(`/v1/responses/${created.id}`).set(org.auth).expect(200);
  expect(res.body.responses).toEqual([created]);
  expect((await loadAttachments(org.id, created.id)).map((a) => a.content.toString())).toEqual(['%PDF brochure']);
  await api()
    .get(`/v1/responses/${created.id}`)
    .set((await testApp.newOrganization('Other')).auth)
    .expect(404);
});

it('PATCH replaces its files', async () => {
  const created = await create({ attachments: [brochure] });
  const price = { filename: 'prices.csv', base64_data: Buffer.from('a,b\n1,2\n').toString('base64') };
  const res = await api()
    .patch(`/v1/responses/${created.id}`)
    .set(org.auth)
    .send({ responses: { attachments: [price] } })
    .expect(200);
  expect(res.body.responses[0].attachments).toEqual([{ filename: 'prices.csv', content_type: 'text/csv', size: 8 }]);
  expect((await loadAttachments(org.id, created.id)).map((a) => a.filename)).toEqual(['prices.csv']);
});

it('a canned response over the file limits is a 400 and is not created', async () => {
  const before = await Response.countDocuments({ organization: org.id });
  const big = { filename: 'big.bin', base64_data: Buffer.alloc(10 * 1024 * 1024 + 1).toString('base64') };
  const res = await api()
    .post('/v1/responses')
    .set(org.auth)
    .send({ responses: [{ title: 'Huge', body: 'x', attachments: [big] }] })
    .expect(400);
  expect(res.body.error.issues[0]).toMatchObject({
    path: 'body.responses.0.attachments',
    message: expect.stringContaining('10 MB'),
  });
  expect(await Response.countDocuments({ organization: org.id })).toBe(before);
});

it('DELETE removes an unused one with its files; then it is a 404', async () => {
  const created = await create({ attachments: [brochure] });
  const res = await api().delete(`/v1/responses/${created.id}`).set(org.auth).expect(200);
  expect(res.body.responses[0].id).toBe(created.id);
  expect(await loadAttachments(org.id, created.id)).toEqual([]);
  await api().get(`/v1/responses/${created.id}`).set(org.auth).expect(404);
  await api().delete(`/v1/responses/${created.id}`).set(org.auth).expect(404);
});

it('DELETE is a 409 naming the rule while a rule schedules it, and deletes nothing', async () => {
  const template = await api()
    .post('/v1/rules/templates/automatic-follow-ups')
    .set(org.auth)
    .send({ trigger_phrase: 'Here is the quote you requested', senders: ['alex@seller.test'] })
    .expect(201);
  const used = template.body.responses[0].id;
  const res = await api().delete(`/v1/responses/${used}`).set(org.auth).expect(409);
  expect(res.body.error.message).toContain('Automatic follow ups');
  expect(await Response.exists({ _id: used })).not.toBeNull();
});
