// What ops read in the Temporal UI: the list's summary names the rule and the plan, the detail page
// how many follow-ups went out.
import { staticDescription } from './descriptions';
import type { FollowUpSequenceInput, SequenceState } from './types';
import { currentDetails } from './visibility';

const step = (n: number) => ({
  step: n,
  draftId: `d${n}`,
  sendAt: `2026-12-0${n}T09:00:00.000Z`,
  nominalSendAt: `2026-12-0${n}T09:00:00.000Z`,
});
const input = {
  version: 1,
  organizationId: 'o1',
  conversationId: 'c1',
  triggerMessageId: 'm1',
  ruleId: 'r1',
  ruleDescription: 'Automatic follow ups',
  sender: 'alex@demo-sales.test',
  recipient: 'jane@prospect.example',
  subject: 'Your quote',
  steps: [step(1), step(2), step(3)],
} as FollowUpSequenceInput;

describe('what the Temporal UI shows of a sequence', () => {
  it('summarises the recipient, subject, rule name and planned follow-ups in the list', () => {
    expect(staticDescription(input).summary).toBe(
      'Follow-ups to jane@prospect.example: "Your quote" · rule "Automatic follow ups" · 3 planned',
    );
    expect(staticDescription({ ...input, ruleDescription: null }).summary).toBe(
      'Follow-ups to jane@prospect.example: "Your quote" · 3 planned',
    );
  });

  it('counts the follow-ups sent on the detail page', () => {
    const state = {
      status: 'active',
      reason: null,
      followUpsSent: 1,
      steps: [
        { ...step(1), status: 'sent', reason: null, sentAt: '2026-12-01T09:00:01.000Z' },
        { ...step(2), status: 'scheduled', reason: null, sentAt: null },
        { ...step(3), status: 'scheduled', reason: null, sentAt: null },
      ],
      timeline: [],
    } as unknown as SequenceState;
    expect(currentDetails(state).split('\n').slice(0, 2)).toEqual([
      '**Status:** active',
      '**Sent:** 1 of 3 follow-ups',
    ]);
  });
});
