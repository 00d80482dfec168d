import type { FollowUpSequenceInput } from './types';

/** Static summary/details written once at start (shown in the workflow list and header). */
export function staticDescription(input: FollowUpSequenceInput): { summary: string; details: string } {
  const rule = input.ruleDescription ? ` · rule "${input.ruleDescription}"` : '';
  const summary = `Follow-ups to ${input.recipient}: "${input.subject}"${rule} · ${input.steps.length} planned`;
  const details = [
    `- **Recipient:** ${input.recipient}`,
    `- **Sender:** ${input.sender}`,
    `- **Subject:** ${input.subject}`,
    `- **Rule:** ${input.ruleDescription ?? 'none'}${input.ruleId ? ` (${input.ruleId})` : ''}`,
    `- **Conversation:** ${input.conversationId}`,
    '',
    '**Planned follow-ups**',
    '',
    ...input.steps.map(
      (s) =>
        `${s.step}. ${s.sendAt}${s.nominalSendAt && s.nominalSendAt !== s.sendAt ? ` (nominal ${s.nominalSendAt})` : ''} (draft ${s.draftId})`,
    ),
  ].join('\n');
  return { summary, details };
}
