import { authenticationOf, dkimResults } from './authenticity';

const post = (spf: string | undefined, dkim: string | undefined, envelopeFrom: string | null = 'jane@example.com') => ({
  spf,
  dkim,
  envelope: { to: [], from: envelopeFrom },
});
const jane = { address: 'jane@example.com' };

describe('authenticity of a received mail (SendGrid SPF and dkim fields)', () => {
  it('reads every DKIM signature of the field', () => {
    expect(dkimResults('{@example.com : pass, @sendgrid.info : fail}')).toEqual([
      { domain: 'example.com', result: 'pass' },
      { domain: 'sendgrid.info', result: 'fail' },
    ]);
    expect(dkimResults('none')).toEqual([]);
    expect(dkimResults(undefined)).toEqual([]);
  });

  it('an aligned SPF pass or a DKIM pass of the From domain (or its parent) authenticates', () => {
    expect(authenticationOf(post('pass', undefined), jane)).toMatchObject({ authenticated: true, reason: null });
    expect(authenticationOf(post('fail', '{@example.com : pass}'), jane)).toMatchObject({ authenticated: true });
    expect(authenticationOf(post('none', '{@example.com : pass}'), { address: 'jane@eu.example.com' })).toMatchObject({
      authenticated: true,
    });
    expect(authenticationOf(post('pass', undefined, 'bounces+123@mail.example.com'), jane)).toMatchObject({
      authenticated: true,
    });
  });

  it('says why it does not: failing checks, a pass for another domain, missing fields', () => {
    expect(authenticationOf(post('fail', undefined), jane)).toMatchObject({
      authenticated: false,
      reason: 'SPF fail, no DKIM signature for example.com',
    });
    expect(authenticationOf(post('pass', '{@attacker.test : pass}', 'x@attacker.test'), jane)).toMatchObject({
      authenticated: false,
      reason: 'SPF pass for attacker.test, not example.com, no DKIM signature for example.com',
    });
    expect(authenticationOf(post('softfail', '{@example.com : fail}'), jane)).toMatchObject({
      authenticated: false,
      reason: 'SPF softfail, DKIM fail for example.com',
    });
    expect(authenticationOf(post(undefined, undefined), jane)).toMatchObject({
      spf: null,
      authenticated: false,
      reason: 'SPF not checked, no DKIM signature for example.com',
    });
    // A bare top-level domain is never "a parent" of the From domain.
    expect(authenticationOf(post('none', '{@com : pass}'), jane)).toMatchObject({ authenticated: false });
  });

  it('reads at most 20 signatures of a field cut at 4 KB', () => {
    expect(dkimResults('@a.test : pass '.repeat(100_000))).toHaveLength(20);
    expect(dkimResults(`${' '.repeat(5_000)}@example.com : pass`)).toEqual([]);
  });
});
