import { patched, proxyActivities } from '@temporalio/workflow';
import type { ForwardActivities } from './activities';
import type { ForwardReplyInput, ForwardResult } from './types';

/**
 * One received mail, forwarded to whoever must see it (docs/where-replies-go.md) and announced
 * to subscribed integrations, by one activity that reads the mail once. It sends once per
 * destination and is retried with backoff while SendGrid answers 429/5xx or the database is away:
 * a reply is never lost. A permanent refusal is recorded on the message.
 */
export async function forwardReply(input: ForwardReplyInput): Promise<ForwardResult[]> {
  const { passOnReceivedMail, forwardReceivedMail, announceReceivedMail } = proxyActivities<ForwardActivities>({
    startToCloseTimeout: '2 minutes',
    retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
    summary: `forward received mail ${input.messageId}`,
  });
  if (patched('one-pass-on-activity')) return passOnReceivedMail(input);
  // Runs started before: to people (the forward) and to systems (`incoming_email`), in two activities.
  const [results] = await Promise.all([forwardReceivedMail(input), announceReceivedMail(input)]);
  return results;
}
