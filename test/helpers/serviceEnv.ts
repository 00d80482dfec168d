import {
  TEST_REPLY_DOMAIN,
  TEST_REPLY_SECRET,
  TEST_SUPPRESSION_HASH_SECRET,
  TEST_WEBHOOK_SECRET,
  type TestApp,
} from './testApp';

/** The environment a service process started by a test runs with: the test app's servers and sink. */
export function serviceEnv(testApp: TestApp): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
    MONGODB_URI: testApp.mongodbUri,
    TEMPORAL_TASK_QUEUE: testApp.deps.taskQueue,
    SENDGRID_API_KEY: 'SG.test',
    SENDGRID_BASE_URL: testApp.sinkUrl,
    INBOUND_REPLY_DOMAIN: TEST_REPLY_DOMAIN,
    REPLY_TOKEN_SECRET: TEST_REPLY_SECRET,
    INBOUND_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    SUPPRESSION_HASH_SECRET: TEST_SUPPRESSION_HASH_SECRET,
    FOLLOWUPS_DELAY_DIVISOR: String(testApp.deps.delayDivisor ?? 1),
    FOLLOWUPS_WORKFLOW_BUNDLE: process.env.FOLLOWUPS_WORKFLOW_BUNDLE,
    // The same payload key as the test's own client and workers (test/setup/env.ts): payloads encrypted.
    TEMPORAL_PAYLOAD_KEY: process.env.TEMPORAL_PAYLOAD_KEY,
  };
}
