import pino from 'pino';
import { retryUntilReady } from './retryUntilReady';

describe('retryUntilReady', () => {
  it('retries with doubling, capped delays until the dependency answers', async () => {
    const waits: number[] = [];
    let calls = 0;
    const value = await retryUntilReady(
      'MongoDB',
      async () => {
        calls++;
        if (calls < 5) throw new Error('connection refused');
        return 'connected';
      },
      pino({ level: 'silent' }),
      { firstDelayMs: 100, maxDelayMs: 500, sleep: async (ms) => void waits.push(ms) },
    );
    expect(value).toBe('connected');
    expect(waits).toEqual([100, 200, 400, 500]);
  });
});
