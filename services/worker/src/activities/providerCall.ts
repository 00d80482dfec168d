import { Draft } from '@follow-ups/db';
import { PermanentMailError, TransientMailError, type Mailer, type OutgoingMail } from '@follow-ups/mailer';

export type ProviderAnswer =
  | { accepted: true; providerMessageId: string | null }
  | { accepted: false; outcome: 'refused' | 'unknown'; message: string };

/**
 * One SendGrid call of a claimed draft, with `marker` (`inFlightSince` or `resentAt`) set on it
 * first: a retry that finds the marker cannot know whether the mail left. A refusal or an unknown
 * outcome (timeout, reset connection) is returned; an answered "not accepted" (429, 5xx) or a
 * provider never reached clears the marker and throws, for Temporal to retry. `marked`: the caller
 * set the marker already (with its claim).
 */
export async function callProvider(
  mailer: Mailer,
  scope: { _id: string; organization: string; status: string },
  marker: 'inFlightSince' | 'resentAt',
  mail: OutgoingMail,
  marked = false,
): Promise<ProviderAnswer> {
  if (!marked) await Draft.updateOne(scope, { $set: { [marker]: new Date() } });
  try {
    const { providerMessageId } = await mailer.send(mail);
    return { accepted: true, providerMessageId };
  } catch (error) {
    if (error instanceof PermanentMailError) return { accepted: false, outcome: 'refused', message: error.message };
    if (error instanceof TransientMailError && error.status === undefined && error.outcomeUnknown)
      return { accepted: false, outcome: 'unknown', message: error.message };
    await Draft.updateOne(scope, { $unset: { [marker]: 1 } });
    throw error;
  }
}
