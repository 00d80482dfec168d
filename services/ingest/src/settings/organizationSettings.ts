import type { Settings, UpdateSettings } from '@follow-ups/contract';
import { Organization, settingsOf } from '@follow-ups/db';
import { logAddress } from '@follow-ups/domain';
import { notificationsFrom } from '@follow-ups/automation';
import type { AppDeps } from '../deps';
import { invalid, notFound } from '../http/appError';
import { refuseUnknownCalendar } from '../rules/sending';

async function present(deps: AppDeps, organization: string): Promise<Settings> {
  const org = await Organization.findById(organization, { settings: 1 }).lean();
  if (!org) throw notFound(`organization ${organization}`);
  const s = settingsOf(org);
  return {
    reply_destination: s.replyDestination,
    reply_address: s.replyAddress,
    fallback_address: s.fallbackAddress,
    copy_sender: s.copySender,
    unsubscribe_on_sends: s.unsubscribeOnSends,
    time_zone: s.timeZone,
    sending: (s.sending as Settings['sending']) ?? null,
    log_address: logAddress(organization, deps.replyTokenSecret, deps.replyDomain),
    notifications_from: notificationsFrom(deps).address,
  };
}

export const readSettings = present;

/** Applies the given fields; `reply_destination: address` without any reply address is a 400. */
export async function updateSettings(deps: AppDeps, organization: string, change: UpdateSettings): Promise<Settings> {
  const current = settingsOf(await Organization.findById(organization, { settings: 1 }).lean());
  const next = {
    replyDestination: change.reply_destination ?? current.replyDestination,
    replyAddress: change.reply_address === undefined ? current.replyAddress : change.reply_address,
    fallbackAddress: change.fallback_address === undefined ? current.fallbackAddress : change.fallback_address,
    copySender: change.copy_sender ?? current.copySender,
    unsubscribeOnSends: change.unsubscribe_on_sends ?? current.unsubscribeOnSends,
    timeZone: change.time_zone === undefined ? current.timeZone : change.time_zone,
    sending:
      change.sending === undefined
        ? current.sending
        : change.sending && refuseUnknownCalendar(change.sending, 'body.settings.sending'),
  };
  if (next.replyDestination === 'address' && !next.replyAddress) {
    throw invalid('`reply_destination: "address"` needs a `reply_address`', [
      { path: 'body.settings.reply_address', message: 'required when reply_destination is "address"' },
    ]);
  }
  const set = Object.fromEntries(
    Object.entries(next)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [`settings.${k}`, v]),
  );
  const unset = Object.fromEntries(
    Object.entries(next)
      .filter(([, v]) => v === null)
      .map(([k]) => [`settings.${k}`, 1]),
  );
  await Organization.updateOne(
    { _id: organization },
    { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) },
  );
  return present(deps, organization);
}
