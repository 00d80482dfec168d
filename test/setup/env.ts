import fs from 'node:fs';
import { stackFilePath, type TestStack } from './stackFile';

// Runs in every integration test file: exposes the servers started by globalSetup.
const stack = JSON.parse(fs.readFileSync(stackFilePath(), 'utf8')) as TestStack;
process.env.TEMPORAL_ADDRESS = stack.temporalAddress;
process.env.MONGODB_URI = stack.mongodbUri;
process.env.FOLLOWUPS_WORKFLOW_BUNDLE = stack.workflowBundlePath;
process.env.FOLLOWUPS_TEST_STATE_DIR = stack.stateDir;
process.env.LOG_LEVEL ??= 'warn';
