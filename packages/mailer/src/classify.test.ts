import { inspect } from 'node:util';
import { toMailError } from './classify';
import { PermanentMailError, TransientMailError } from './errors';

/** The shape @sendgrid/client's ResponseError has. */
const responseError = (code: number, body: unknown) =>
  Object.assign(new Error('Bad Request'), { code, response: { headers: {}, body } });
const networkError = (code: string) => Object.assign(new Error(`connect ${code}`), { code, isAxiosError: true });

describe('toMailError', () => {
  it.each([400, 401, 403, 404, 413])('makes a %i permanent, with the provider messages', (status) => {
    const err = toMailError(
      responseError(status, {
        errors: [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to.0.email', help: null }],
      }),
    );
    expect(err).toBeInstanceOf(PermanentMailError);
    expect(err).toMatchObject({
      status,
      providerErrors: ['personalizations.0.to.0.email: Does not contain a valid address.'],
    });
  });

  it.each([
    [429, false],
    [408, false],
    [500, true],
    [503, true],
  ])('makes a %i transient (outcomeUnknown %s)', (status, outcomeUnknown) => {
    const err = toMailError(responseError(status, { errors: [{ message: 'slow down', field: null }] }));
    expect(err).toBeInstanceOf(TransientMailError);
    expect(err).toMatchObject({ status, outcomeUnknown, providerErrors: ['slow down'] });
  });

  it.each([
    ['ECONNREFUSED', false],
    ['ENOTFOUND', false],
    ['ECONNRESET', true],
    ['ECONNABORTED', true],
  ])('makes a network failure %s transient (outcomeUnknown %s)', (code, outcomeUnknown) => {
    const err = toMailError(networkError(code));
    expect(err).toBeInstanceOf(TransientMailError);
    expect(err).toMatchObject({ status: undefined, outcomeUnknown });
    expect(err.message).toContain(code);
  });

  it('keeps no request, header or API key of the HTTP client on the error or its cause', () => {
    const request = { headers: { Authorization: 'Bearer SG.live-key' } };
    const thrown = [
      Object.assign(networkError('ECONNRESET'), { config: request, request }),
      Object.assign(responseError(401, { errors: [{ message: 'bad key' }] }), { config: request }),
    ];
    for (const err of thrown.map(toMailError)) {
      const everything = JSON.stringify({ err, cause: err.cause, props: Object.entries(err.cause as object) });
      expect(everything).not.toContain('SG.live-key');
      expect(inspect(err, { depth: 10 })).not.toContain('SG.live-key');
      expect((err.cause as Error).message).toBeTruthy();
    }
  });

  it('treats anything unrecognised as transient, so a due follow-up is retried rather than lost', () => {
    expect(toMailError(new Error('???'))).toBeInstanceOf(TransientMailError);
    expect(toMailError('boom')).toBeInstanceOf(TransientMailError);
  });

  it('passes our own errors through', () => {
    const permanent = new PermanentMailError('invalid', undefined);
    expect(toMailError(permanent)).toBe(permanent);
  });
});
