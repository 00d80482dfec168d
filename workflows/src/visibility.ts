import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import { searchAttributes as keys } from './searchAttributes';
import type { FollowUpSequenceInput, SequenceState, StepState } from './types';

/** Makes the state visible to ops: search attributes for the list, a short timeline for the detail page. */
export function publish(input: FollowUpSequenceInput, state: SequenceState): void {
  const next = state.steps.find((s) => s.status === 'scheduled');
  state.nextFollowUpAt = state.closedAt || state.status === 'paused' ? null : (next?.sendAt ?? null);
  state.followUpsSent = state.steps.filter((s) => s.status === 'sent').length;
  upsertSearchAttributes([
    { key: keys.organization, value: input.organizationId },
    { key: keys.conversation, value: input.conversationId },
    { key: keys.rule, value: input.ruleId ?? 'none' },
    { key: keys.sender, value: input.sender },
    { key: keys.recipient, value: input.recipient },
    { key: keys.status, value: state.status },
    { key: keys.nextFollowUpAt, value: state.nextFollowUpAt ? new Date(state.nextFollowUpAt) : null },
    { key: keys.followUpsSent, value: state.followUpsSent },
  ]);
  setCurrentDetails(currentDetails(state));
}

/** Markdown shown as "current details" in the Temporal UI. */
export function currentDetails(state: SequenceState): string {
  const lines = [
    `**Status:** ${state.status}${state.reason ? ` — ${state.reason}` : ''}`,
    `**Sent:** ${state.followUpsSent} of ${state.steps.length} follow-ups`,
    '',
  ];
  if (state.resumeAt) lines.splice(1, 0, `**Resumes:** ${state.resumeAt}`);
  lines.push(...state.steps.map(stepLine));
  if (state.timeline.length) lines.push('', '**Timeline**', '', ...state.timeline.slice(-10).map((t) => `- ${t}`));
  return lines.join('\n');
}

function stepLine(step: StepState): string {
  const nominal = step.plannedSendAt ?? (step.nominalSendAt !== step.sendAt ? step.nominalSendAt : undefined);
  const when =
    step.status === 'sent'
      ? `sent ${step.sentAt}`
      : step.status === 'scheduled'
        ? `due ${step.sendAt}${nominal ? ` (nominal ${nominal})` : ''}`
        : step.status;
  return `- Follow-up ${step.step}: ${when}${step.reason ? ` (${step.reason})` : ''}`;
}
