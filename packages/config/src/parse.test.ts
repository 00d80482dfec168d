import { ConfigError, parseEnv } from './parse';
import { ingestEnvSchema } from './ingest';
import { defaultWorkerTuning, workerEnvSchema } from './worker';

const valid = {
  TEMPORAL_ADDRESS: 'localhost:7233',
  MONGODB_URI: 'mongodb://127.0.0.1:27017/followups',
  SENDGRID_API_KEY: 'SG.local',
  INBOUND_REPLY_DOMAIN: 'reply.example.com',
  REPLY_TOKEN_SECRET: 'a-long-enough-secret',
  INBOUND_WEBHOOK_SECRET: 'another-long-secret',
};

describe('parseEnv', () => {
  it('applies defaults and coerces numbers', () => {
    const config = parseEnv(ingestEnvSchema, { ...valid, PORT: '8080' });
    expect(config.PORT).toBe(8080);
    expect(config.TEMPORAL_NAMESPACE).toBe('default');
    expect(config.TEMPORAL_TASK_QUEUE).toBe('follow-ups');
  });

  it('names every missing or invalid variable', () => {
    const attempt = () =>
      parseEnv(workerEnvSchema, { ...valid, MONGODB_URI: 'postgres://x', TEMPORAL_ADDRESS: undefined });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/MONGODB_URI: expected a URL starting with mongodb:\/\//);
      expect(problems).toMatch(/TEMPORAL_ADDRESS: .*\(not set\)/);
    }
  });
});

describe('placeholders', () => {
  it('refuses, by name, every secret left at the value of .env.example', () => {
    const example = { ...valid, REPLY_TOKEN_SECRET: 'change-me-change-me-change-me', SENDGRID_API_KEY: 'SG.change-me' };
    const problems = (() => {
      try {
        parseEnv(ingestEnvSchema, { ...example, EVENT_WEBHOOK_URL_SECRET: 'CHANGE-ME-please-change-me' });
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    })();
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'EVENT_WEBHOOK_URL_SECRET',
      'REPLY_TOKEN_SECRET',
      'SENDGRID_API_KEY',
    ]);
    expect(problems.join('\n')).not.toContain('change-me-change-me');
    expect(() => parseEnv(workerEnvSchema, example)).toThrow(/REPLY_TOKEN_SECRET: still the placeholder/);
  });

  it('takes an empty optional secret as unset (compose passes ${NAME:-} through)', () => {
    const config = parseEnv(ingestEnvSchema, {
      ...valid,
      REPLY_TOKEN_SECRET_PREVIOUS: '',
      EVENT_WEBHOOK_URL_SECRET: '',
      SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY: '',
    });
    expect([
      config.REPLY_TOKEN_SECRET_PREVIOUS,
      config.EVENT_WEBHOOK_URL_SECRET,
      config.SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY,
    ]).toEqual([undefined, undefined, undefined]);
    expect(() => parseEnv(ingestEnvSchema, { ...valid, EVENT_WEBHOOK_URL_SECRET: 'short' })).toThrow(
      /EVENT_WEBHOOK_URL_SECRET: expected a secret/,
    );
  });

  it('reads the rotation and event webhook secrets', () => {
    const config = parseEnv(ingestEnvSchema, {
      ...valid,
      REPLY_TOKEN_SECRET_PREVIOUS: 'the-old-reply-secret',
      EVENT_WEBHOOK_URL_SECRET: 'events-url-secret-1',
    });
    expect(config).toMatchObject({
      REPLY_TOKEN_SECRET_PREVIOUS: 'the-old-reply-secret',
      EVENT_WEBHOOK_URL_SECRET: 'events-url-secret-1',
    });
  });
});

describe('worker tuning', () => {
  it('defaults bound the workflow cache and keep the SDK limits valid', () => {
    const config = parseEnv(workerEnvSchema, valid);
    expect(config).toMatchObject(defaultWorkerTuning);
    expect(defaultWorkerTuning.WORKER_MAX_CACHED_WORKFLOWS).toBeLessThanOrEqual(1000);
    expect(defaultWorkerTuning.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS).toBeGreaterThanOrEqual(2);
  });

  it('reads the variables as numbers', () => {
    const config = parseEnv(workerEnvSchema, {
      ...valid,
      WORKER_MAX_CACHED_WORKFLOWS: '0',
      WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '80',
      WORKER_STICKY_QUEUE_TIMEOUT_MS: '2500',
      WORKER_REUSE_V8_CONTEXT: 'false',
      WORKER_THREAD_SEMI_SPACE_MB: '0',
    });
    expect(config).toMatchObject({
      WORKER_MAX_CACHED_WORKFLOWS: 0,
      WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: 80,
      WORKER_STICKY_QUEUE_TIMEOUT_MS: 2500,
      WORKER_REUSE_V8_CONTEXT: false,
      WORKER_THREAD_SEMI_SPACE_MB: 0,
    });
  });

  it('rejects values the Temporal SDK would refuse, naming the variable', () => {
    const attempt = () =>
      parseEnv(workerEnvSchema, {
        ...valid,
        WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '1',
        WORKER_MAX_CACHED_WORKFLOWS: 'lots',
      });
    expect(attempt).toThrow(ConfigError);
    expect(() => attempt()).toThrow(/WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: .*2/);
    expect(() => attempt()).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
  });

  it("caps the worker threads' young generation by default, within what V8 takes", () => {
    expect(defaultWorkerTuning.WORKER_THREAD_SEMI_SPACE_MB).toBe(2);
    for (const wrong of ['-1', '65', '1.5', 'small'])
      expect(() => parseEnv(workerEnvSchema, { ...valid, WORKER_THREAD_SEMI_SPACE_MB: wrong })).toThrow(
        /WORKER_THREAD_SEMI_SPACE_MB/,
      );
  });
});

describe('security settings', () => {
  it('reads the hooks allow-list as CIDRs (empty by default) and refuses anything else by name', () => {
    expect(parseEnv(ingestEnvSchema, valid).HOOKS_ALLOWED_PRIVATE_CIDRS).toEqual([]);
    expect(
      parseEnv(workerEnvSchema, { ...valid, HOOKS_ALLOWED_PRIVATE_CIDRS: ' 10.20.0.0/16, fd00:1::/64 ' })
        .HOOKS_ALLOWED_PRIVATE_CIDRS,
    ).toEqual(['10.20.0.0/16', 'fd00:1::/64']);
    for (const wrong of ['10.0.0.0', '10.0.0.0/33', 'intranet/8', 'fd00::/129'])
      expect(() => parseEnv(ingestEnvSchema, { ...valid, HOOKS_ALLOWED_PRIVATE_CIDRS: wrong })).toThrow(
        /HOOKS_ALLOWED_PRIVATE_CIDRS/,
      );
  });

  it('has generous rate limits and hook slots by default', () => {
    const ingest = parseEnv(ingestEnvSchema, valid);
    expect([ingest.RATE_LIMIT_TOKEN_PER_SECOND, ingest.RATE_LIMIT_ADDRESS_PER_SECOND]).toEqual([100, 200]);
    const worker = parseEnv(workerEnvSchema, valid);
    expect([worker.WORKER_MAX_CONCURRENT_HOOK_DELIVERIES, worker.HOOKS_MAX_CONCURRENT_PER_ORGANIZATION]).toEqual([
      20, 5,
    ]);
  });
});
