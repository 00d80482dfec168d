import { isUnsubscribeAddress, verifyUnsubscribeMail, type Unsubscriber } from '@follow-ups/domain';
import { replySecrets, type AppDeps } from '../deps';
import { log } from '../log';
import { suppress } from '../suppressions/suppress';

export { isUnsubscribeAddress };

/**
 * A mail to `unsubscribe+<token>@INBOUND_REPLY_DOMAIN` (the List-Unsubscribe mailto), from Inbound
 * Parse. The token is signed for the recipient's address, so the mail must come from that address:
 * then it is suppressed (`unsubscribed`) and its sequences stop. Returns who was unsubscribed, or
 * null when no recipient is an unsubscribe address that verifies (the caller records the mail as usual).
 */
export async function handleUnsubscribeMail(
  deps: AppDeps,
  mail: { to: string[]; from: string },
): Promise<Unsubscriber | null> {
  for (const recipient of mail.to.filter(isUnsubscribeAddress)) {
    const who = verifyUnsubscribeMail(recipient, mail.from, replySecrets(deps));
    if (!who) continue;
    await suppress(deps, who.organizationId, who.address, 'unsubscribed', {
      source: 'unsubscribe_mail',
      detail: 'unsubscribe mail',
    });
    return who;
  }
  if (mail.to.some(isUnsubscribeAddress))
    log.info({ from: mail.from }, 'unsubscribe mail whose sender does not match its token: ignored');
  return null;
}
