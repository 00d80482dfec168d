import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { ApiToken } from '@follow-ups/db';
import { useTestDb } from './testDb';

useTestDb('api_token');

describe('ApiToken', () => {
  it('hashToken is the sha256 hex of the raw token', () => {
    const expected = createHash('sha256').update('fu_abc').digest('hex');
    expect(ApiToken.hashToken('fu_abc')).toBe(expected);
    expect(ApiToken.hashToken('fu_abc')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('issueToken returns a fu_ token once and stores only its hash', async () => {
    const organization = new Types.ObjectId();
    const raw = await ApiToken.issueToken(organization, 'ci');
    expect(raw).toMatch(/^fu_[A-Za-z0-9_-]{43}$/);

    const stored = await ApiToken.find({ organization }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ organization, label: 'ci', tokenHash: ApiToken.hashToken(raw) });
    expect(JSON.stringify(stored[0])).not.toContain(raw.slice(3));

    const found = await ApiToken.findOne({ tokenHash: ApiToken.hashToken(raw) }).lean();
    expect(found?._id).toEqual(stored[0]._id);
  });

  it('issues a different token every time', async () => {
    const organization = new Types.ObjectId();
    const a = await ApiToken.issueToken(organization, 'a');
    const b = await ApiToken.issueToken(organization.toHexString(), 'b');
    expect(a).not.toBe(b);
    expect(await ApiToken.countDocuments({ organization })).toBe(2);
  });
});
