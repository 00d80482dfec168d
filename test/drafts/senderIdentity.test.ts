// From is the organization's: one of its users or aliases, or an address in a domain the operator
// assigned to it; never the platform's own addresses. Anything else is a 422 naming the address.
import request from 'supertest';
import { Conversation, Message, SavedDraft } from '@follow-ups/db';
import { addSenderDomain, removeSenderDomain } from '@follow-ups/directory';
import { TEST_REPLY_DOMAIN, useTestApp } from '../helpers/testApp';
import { inSeconds, postDraft, type Org } from './fixtures';

const testApp = useTestApp();

/** Posts a draft from `address` and returns the status, the error code and message, and what it wrote. */
async function sendAs(org: Org, address: string, fields: Record<string, unknown> = {}) {
  const before = {
    conversations: await Conversation.countDocuments({ organization: org.id }),
    sent: testApp.sink.list().length,
  };
  const res = await postDraft(testApp, org, { from_field: { address, name: 'Someone' }, ...fields });
  const after = {
    conversations: await Conversation.countDocuments({ organization: org.id }),
    sent: testApp.sink.list().length,
  };
  return {
    status: res.status,
    code: res.body.error?.code,
    message: res.body.error?.message as string | undefined,
    wrote: after.conversations > before.conversations,
    mailed: after.sent > before.sent,
  };
}

describe('sender identity', () => {
  it.each([
    ['a domain no one assigned to it', 'ceo@bigbank.test'],
    ['the reply domain (reply and log addresses)', `notifications@${TEST_REPLY_DOMAIN}`],
    ['a subdomain of the reply domain', `x@in.${TEST_REPLY_DOMAIN}`],
  ])('refuses %s with 422 naming the address, writing and sending nothing', async (_what, address) => {
    const org = await testApp.newOrganization();
    const refused = await sendAs(org, address);
    expect(refused).toEqual({
      status: 422,
      code: 'sender_not_allowed',
      message: expect.stringContaining(address),
      wrote: false,
      mailed: false,
    });
  });

  it("refuses another organization's domain, and the platform's even when the operator assigned it", async () => {
    const [ours, theirs] = [await testApp.newOrganization(), await testApp.newOrganization('Globex')];
    await addSenderDomain(theirs.id, 'globex.test');
    await addSenderDomain(ours.id, TEST_REPLY_DOMAIN);
    expect((await sendAs(ours, 'sales@globex.test')).status).toBe(422);
    expect((await sendAs(theirs, 'sales@globex.test')).status).toBe(201);
    expect((await sendAs(ours, `notifications@${TEST_REPLY_DOMAIN}`)).code).toBe('sender_not_allowed');
  });

  it("accepts the organization's users and their aliases, in any case", async () => {
    const org = await testApp.newOrganization();
    await request(testApp.app)
      .post('/v1/users')
      .set(org.auth)
      .send({ users: { email: 'ana@freelance.test', addresses: ['ana.sales@gmail.test'] } })
      .expect(201);
    expect((await sendAs(org, 'Ana@Freelance.test')).status).toBe(201);
    expect((await sendAs(org, 'ana.sales@gmail.test')).status).toBe(201);
    expect((await sendAs(org, 'bob@freelance.test')).status).toBe(422);
  });

  it('checks scheduled sends and saved drafts too, and again when a saved draft is sent', async () => {
    const org = await testApp.newOrganization();
    expect((await sendAs(org, 'x@nowhere.test', { send: undefined, send_at: inSeconds(3600) })).status).toBe(422);
    expect((await sendAs(org, 'x@nowhere.test', { send: undefined })).status).toBe(422);
    expect(await SavedDraft.countDocuments({ organization: org.id })).toBe(0);

    await addSenderDomain(org.id, 'acme-sales.test');
    const saved = await postDraft(testApp, org, {
      from_field: { address: 'alex@acme-sales.test' },
      send: undefined,
    }).expect(201);
    await removeSenderDomain(org.id, 'acme-sales.test');
    const res = await request(testApp.app).post(`/v1/drafts/${saved.body.drafts.id}/send`).set(org.auth).send({});
    expect([res.status, res.body.error?.code]).toEqual([422, 'sender_not_allowed']);
    expect(await Message.countDocuments({ organization: org.id })).toBe(0);
  });
});
