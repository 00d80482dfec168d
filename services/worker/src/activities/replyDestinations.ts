import { Message, settingsOf, type MessageDoc, type OrganizationDoc } from '@follow-ups/db';

/**
 * Who must see a received mail, per the organization's settings: the salesperson of the
 * conversation (the sender of its latest mail written by a person), a fixed address, or nobody.
 * A mail that started its own conversation (it matched none) goes to the fallback address.
 * Mail from the organization's own people (log address) is recorded only.
 */
export async function replyDestinations(org: OrganizationDoc | null, received: MessageDoc, matchedNothing: boolean): Promise<string[]> {
  if (received.internal) return [];
  const settings = settingsOf(org);
  if (matchedNothing) return settings.fallbackAddress ? [settings.fallbackAddress] : [];
  if (settings.replyDestination === 'none') return [];
  if (settings.replyDestination === 'address') return settings.replyAddress ? [settings.replyAddress] : [];
  const sent = await Message.findOne({ organization: received.organization, conversation: received.conversation, direction: 'outgoing', origin: 'api' }, { from: 1 }).sort({ at: -1 }).lean();
  const sender = sent?.from.address.toLowerCase();
  return sender ? [sender] : settings.fallbackAddress ? [settings.fallbackAddress] : [];
}
