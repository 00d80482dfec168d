import { hookUrlProblem } from './hookUrl';

describe('hookUrlProblem', () => {
  it.each(['https://crm.example.com/hooks', 'https://93.184.216.34/x', 'https://[2606:4700::1111]/x'])(
    'accepts %s',
    (url) => {
      expect(hookUrlProblem(url)).toBeNull();
    },
  );

  it.each([
    ['http://crm.example.com/hooks', 'must use https'],
    ['https://user:pw@crm.example.com/', 'must not contain credentials'],
    ['https://127.0.0.1/x', 'private network'],
    ['https://10.0.0.7/x', 'private network'],
    ['https://172.20.1.1/x', 'private network'],
    ['https://192.168.1.10/x', 'private network'],
    ['https://169.254.169.254/latest/meta-data', 'private network'],
    ['https://[::1]/x', 'private network'],
    ['https://[::ffff:127.0.0.1]/x', 'private network'],
    ['https://localhost:8443/x', 'private network'],
    ['https://api.localhost/x', 'private network'],
    ['not a url', 'not a URL'],
  ])('rejects %s', (url, problem) => {
    expect(hookUrlProblem(url)).toContain(problem);
  });

  it('in test mode accepts http and loopback receivers, still without credentials', () => {
    expect(hookUrlProblem('http://127.0.0.1:4123/hook', { allowInsecure: true })).toBeNull();
    expect(hookUrlProblem('http://a:b@127.0.0.1:4123/hook', { allowInsecure: true })).toContain('credentials');
    expect(hookUrlProblem('ftp://127.0.0.1/x', { allowInsecure: true })).toContain('https');
  });
});
