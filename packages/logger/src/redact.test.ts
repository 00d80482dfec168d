import { Writable } from 'node:stream';
import { createLogger } from './index';

/** A logger writing its lines into an array. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
  return { log: createLogger('test', stream), text: () => lines.join('') };
}

describe('log redaction', () => {
  it('never writes tokens, keys, authorization headers or addresses, and keeps the ids beside them', () => {
    const { log, text } = capture();
    log.info({ token: 'fu_live_tok', apiKey: 'SG.key1', draftId: 'd-1', from: 'pat@prospect.io' }, 'one');
    log.info({ req: { headers: { authorization: 'Bearer fu_live_hdr', host: 'api' } } }, 'two');
    log.info({ mail: { to: 'sam@acme.com', secret: 'whsec' }, context: { deep: { email: 'lee@x.io' } } }, 'three');
    const written = text();
    for (const hidden of [
      'fu_live_tok',
      'SG.key1',
      'pat@prospect.io',
      'fu_live_hdr',
      'sam@acme.com',
      'whsec',
      'lee@x.io',
    ]) {
      expect(written).not.toContain(hidden);
    }
    expect(written).toContain('d-1');
    expect(written).toContain('[redacted]');
  });

  it('drops the request an HTTP client keeps on its error (and on the cause), with its API key', () => {
    const { log, text } = capture();
    const clientError = Object.assign(new Error('socket hang up'), {
      code: 'ECONNRESET',
      config: { url: 'https://api.sendgrid.com/v3/mail/send', headers: { Authorization: 'Bearer SG.live' } },
    });
    log.warn({ err: new Error('send failed', { cause: clientError }) }, 'cause');
    log.warn({ err: clientError }, 'direct');
    expect(text()).not.toContain('SG.live');
    expect(text()).toContain('socket hang up');
  });
});
