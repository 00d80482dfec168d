import os from 'node:os';
import path from 'node:path';

/** What the global setup started, handed to each test file through a file (jest isolates globals). */
export type TestStack = { temporalAddress: string; mongodbUri: string; workflowBundlePath: string; stateDir: string };

/** Chosen once by the global setup and inherited through the environment by every test. */
export function stackFilePath(): string {
  return (process.env.FOLLOWUPS_TEST_STACK_FILE ??= path.join(
    os.tmpdir(),
    `follow-ups-test-stack-${process.pid}-${Date.now()}.json`,
  ));
}
