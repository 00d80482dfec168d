import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_FOLLOWUPS } from '@follow-ups/contract';
import { ApiToken, connectDb, disconnectDb, Organization, Rule } from '@follow-ups/db';
import { addSenderDomain } from '@follow-ups/directory';

export const DEMO = {
  organization: 'Demo Sales',
  sender: 'alex@demo-sales.test',
  /** The demo organization's sender domain: its token may send from any address there. */
  domain: 'demo-sales.test',
  trigger: 'Here is the quote you requested',
};

/**
 * Seeds the demo organization once: an API token (printed by the start script, kept in .stack/) and
 * the "Automatic follow ups" rule created through the real template endpoint.
 */
export async function seedDemo(
  stateDir: string,
  mongodbUri: string,
  apiUrl: string,
): Promise<{ token: string; organizationId: string }> {
  const tokenFile = path.join(stateDir, 'demo-token');
  await connectDb(mongodbUri);
  try {
    let organization = await Organization.findOne({ name: DEMO.organization }).lean();
    let token = fs.existsSync(tokenFile) ? fs.readFileSync(tokenFile, 'utf8').trim() : '';
    if (!organization) organization = (await Organization.create({ name: DEMO.organization })).toObject();
    await addSenderDomain(String(organization._id), DEMO.domain, { shared: true }); // as the operator would: `npm run admin -- domain add`
    if (!token || !(await ApiToken.exists({ tokenHash: ApiToken.hashToken(token), organization: organization._id }))) {
      token = await ApiToken.issueToken(organization._id, 'demo');
      fs.writeFileSync(tokenFile, token, { mode: 0o600 });
    }
    if (!(await Rule.exists({ organization: organization._id }))) {
      const response = await fetch(`${apiUrl}/v1/rules/templates/automatic-follow-ups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        // The template's three follow-ups, 1, 3 and 7 *minutes* after the initial email, so the demo fits a coffee.
        body: JSON.stringify({
          trigger_phrase: DEMO.trigger,
          senders: [DEMO.sender],
          description: 'Automatic follow ups (demo: minutes instead of days)',
          label: { name: 'Follow-up in progress' },
          followups: DEFAULT_FOLLOWUPS.map((f) => ({
            ...f,
            send_after: { amount: f.send_after!.amount, unit: 'minutes' },
          })),
        }),
      });
      if (response.status !== 201)
        throw new Error(`seeding the template rule failed: ${response.status} ${await response.text()}`);
    }
    return { token, organizationId: String(organization._id) };
  } finally {
    await disconnectDb();
  }
}
