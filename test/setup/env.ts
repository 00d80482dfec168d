import fs from 'node:fs';
import { stackFilePath, type TestStack } from './stackFile';

// Runs in every integration test file: exposes the servers started by globalSetup.
const stack = JSON.parse(fs.readFileSync(stackFilePath(), 'utf8')) as TestStack;
process.env.TEMPORAL_ADDRESS = stack.temporalAddress;
process.env.MONGODB_URI = stack.mongodbUri;
process.env.FOLLOWUPS_WORKFLOW_BUNDLE = stack.workflowBundlePath;
process.env.FOLLOWUPS_TEST_STATE_DIR = stack.stateDir;
process.env.LOG_LEVEL ??= 'warn';
// Service processes started by tests send far above the API's default rate limits (tested on their own).
process.env.RATE_LIMIT_ADDRESS_PER_SECOND ??= '1000000';
process.env.RATE_LIMIT_ADDRESS_BURST ??= '1000000';
process.env.RATE_LIMIT_TOKEN_PER_SECOND ??= '1000000';
process.env.RATE_LIMIT_TOKEN_BURST ??= '1000000';
// Temporal payloads encrypted in every test (docs/payload-encryption.md): the codec runs everywhere.
process.env.TEMPORAL_PAYLOAD_KEY ??= Buffer.alloc(32, 7).toString('base64');
