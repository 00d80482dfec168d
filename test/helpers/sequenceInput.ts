import { randomUUID } from 'node:crypto';
import type { FollowUpSequenceInput, PlannedStep } from '@follow-ups/workflows';

/** A sequence input for workflow tests: one conversation of org1, from ae@seller.test to jane@prospect.test. */
export function sequenceInput(steps: PlannedStep[], extra: Partial<FollowUpSequenceInput> = {}): FollowUpSequenceInput {
  return {
    version: 1,
    organizationId: 'org1',
    conversationId: randomUUID(),
    triggerMessageId: 'm1',
    ruleId: 'rule1',
    ruleDescription: 'Automatic follow ups',
    sender: 'ae@seller.test',
    recipient: 'jane@prospect.test',
    subject: 'Your quote',
    steps,
    ...extra,
  };
}
