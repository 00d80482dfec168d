import { createHash } from 'node:crypto';
import { sendgridEventSchema, type SendgridEvent } from '@follow-ups/contract';
import {
  DeliveryEvent,
  Draft,
  isDuplicateKeyError,
  Message,
  type DeliveryEventDoc,
  type DeliveryStatus,
} from '@follow-ups/db';
import type { Types } from 'mongoose';
import type { AppDeps } from '../deps';
import { suppress } from '../suppressions/suppress';
import { classifyEvent, isHardBounce, outranks } from './classifyEvent';
import { matchEvent } from './matchEvent';

export type EventOutcome = 'applied' | 'duplicate' | 'unmatched';

const DEFAULT_SOFT_BOUNCE_LIMIT = 3;

/**
 * Records one event (unique by `sg_event_id`) and applies it once. A record left `applied: false`
 * by a batch that failed half-way is applied when SendGrid posts the batch again; every effect is
 * idempotent, so finishing it twice is harmless. An event with no effect is recorded applied: a
 * draft that goes `unknown` after it arrived finds it there (worker deliverDraft).
 */
export async function applyEvent(deps: AppDeps, raw: unknown): Promise<EventOutcome> {
  const parsed = sendgridEventSchema.safeParse(raw);
  const event: SendgridEvent = parsed.success ? parsed.data : { event: 'invalid' };
  const id =
    event.sg_event_id ??
    `sha256:${createHash('sha256')
      .update(JSON.stringify(raw) ?? '')
      .digest('hex')}`;

  let record = await DeliveryEvent.findById(id).lean<DeliveryEventDoc>();
  if (record?.applied) return 'duplicate';
  if (!record) {
    const { draftStatus, ...match } = await matchEvent(event);
    const fields = {
      _id: id,
      event: event.event,
      email: event.email,
      type: event.type,
      bounceClassification: event.bounce_classification,
      reason: event.reason ?? event.response,
      sgMessageId: event.sg_message_id,
      ...match,
      at: event.timestamp ? new Date(event.timestamp * 1000) : new Date(),
    };
    // Most events (`processed`, `delivered` of a sent draft…) change nothing but the record: written applied at once.
    const recordOnly = !match.organization || (!hasEffects(event) && draftStatus !== 'unknown');
    try {
      record = (await DeliveryEvent.create({ ...fields, applied: recordOnly })).toObject() as DeliveryEventDoc;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return 'duplicate'; // a concurrent delivery of the same batch applies it
    }
    if (recordOnly) return match.organization ? 'applied' : 'unmatched';
  }
  if (!record.organization) {
    await DeliveryEvent.updateOne({ _id: id }, { $set: { applied: true } });
    return 'unmatched';
  }
  await applyEffects(deps, record as DeliveryEventDoc & { organization: Types.ObjectId });
  await DeliveryEvent.updateOne({ _id: id }, { $set: { applied: true } });
  return 'applied';
}

/** Whether the event sets a delivery status or suppresses (a draft left `unknown` aside, see `applyEffects`). */
const hasEffects = (event: SendgridEvent) => Object.keys(classifyEvent(event)).length > 0;

async function applyEffects(deps: AppDeps, record: DeliveryEventDoc & { organization: Types.ObjectId }): Promise<void> {
  const effect = classifyEvent({
    event: record.event,
    type: record.type ?? undefined,
    bounce_classification: record.bounceClassification ?? undefined,
  });
  if (effect.status && record.message)
    await setDeliveryStatus(record.message, effect.status, record.reason ?? undefined, record.at);
  // Any event about a draft proves SendGrid had it: an `unknown` outcome (crash or timeout during the call) becomes `sent`.
  if (record.draft)
    await Draft.confirmReceived(record.draft, `confirmed by SendGrid's Event Webhook (${record.event})`);
  if (!record.email) return;
  const organization = String(record.organization);
  const detail = record.reason ?? undefined;
  if (effect.suppress)
    await suppress(deps, organization, record.email, effect.suppress, { source: 'event_webhook', detail });
  else if (
    effect.softBounce &&
    (await softBouncesInARow(record.organization, record.email)) >= (deps.softBounceLimit ?? DEFAULT_SOFT_BOUNCE_LIMIT)
  ) {
    await suppress(deps, organization, record.email, 'bounced', {
      source: 'event_webhook',
      detail: `${deps.softBounceLimit ?? DEFAULT_SOFT_BOUNCE_LIMIT} soft bounces in a row; last: ${detail ?? 'no reason given'}`,
    });
  }
}

/** Read-then-write: two events racing on one message at worst leave the lower-ranked status. */
async function setDeliveryStatus(
  message: Types.ObjectId,
  status: DeliveryStatus,
  detail: string | undefined,
  at: Date,
): Promise<void> {
  const current = await Message.findById(message, { deliveryStatus: 1 }).lean();
  if (!current || !outranks(status, current.deliveryStatus)) return;
  await Message.updateOne(
    { _id: message },
    { $set: { deliveryStatus: status, deliveryDetail: detail, deliveryStatusAt: at } },
  );
}

/** Soft bounces to the address since its last delivery or hard bounce (SendGrid's time, then arrival). */
async function softBouncesInARow(organization: Types.ObjectId, email: string): Promise<number> {
  const recent = await DeliveryEvent.find(
    { organization, email, event: { $in: ['bounce', 'delivered'] } },
    { event: 1, type: 1, bounceClassification: 1 },
  )
    .sort({ at: -1, createdAt: -1 })
    .limit(50)
    .lean();
  let count = 0;
  for (const e of recent) {
    if (e.event !== 'bounce' || isHardBounce(e.type, e.bounceClassification)) break;
    count++;
  }
  return count;
}
