import { Message, settingsOf, type MessageDoc, type OrganizationDoc } from '@follow-ups/db';

/**
 * Who must see a received mail, per the organization's settings: the salesperson of the
 * conversation (the sender of its latest mail written by a person), a fixed address, or nobody.
 * A mail that started its own conversation (it matched none) goes to the fallback address.
 * Mail from the organization's own people (log address) is recorded only, and mail caught through
 * the log address is not sent back to the sender whose mailbox forwarded it.
 */
export async function replyDestinations(
  org: Pick<OrganizationDoc, 'settings'> | null,
  received: MessageDoc,
  matchedNothing: boolean,
): Promise<string[]> {
  if (received.internal) return [];
  const settings = settingsOf(org);
  if (matchedNothing) return settings.fallbackAddress ? [settings.fallbackAddress] : [];
  if (settings.replyDestination === 'none') return [];
  if (settings.replyDestination === 'address') return settings.replyAddress ? [settings.replyAddress] : [];
  // Caught through the log address: it came from the salesperson's own mailbox, which has it. Unless it
  // could not be authenticated: then it stopped nothing, and the salesperson is told so (with the warning).
  if (received.viaLog && received.authentication?.authenticated !== false) return [];
  const sent = await Message.findOne(
    {
      organization: received.organization,
      conversation: received.conversation,
      direction: 'outgoing',
      origin: { $in: ['api', 'mailbox'] },
    },
    { from: 1 },
  )
    .sort({ at: -1 })
    .lean();
  const sender = sent?.from.address.toLowerCase();
  return sender ? [sender] : settings.fallbackAddress ? [settings.fallbackAddress] : [];
}
