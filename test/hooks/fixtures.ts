import { Types } from 'mongoose';
import request from 'supertest';
import type { HookEventType } from '@follow-ups/contract';
import { emitEvent, TEST_DELIVERY_POLICY, type EmitEventInput } from '@follow-ups/events';
import type { TestApp } from '../helpers/testApp';

export const newId = () => String(new Types.ObjectId());

/** Creates a hook through the API; returns its id and secret. */
export async function subscribe(
  testApp: TestApp,
  auth: Record<string, string>,
  type: HookEventType,
  url: string,
): Promise<{ id: string; secret: string }> {
  const res = await request(testApp.app).post('/v1/hooks').set(auth).send({ hooks: { type, url } }).expect(201);
  return { id: res.body.hooks.id, secret: res.body.hooks.secret };
}

/** A `followup_sent` event of step `step` in the conversation. */
export function followUpSent(
  organizationId: string,
  conversationId: string,
  step: number,
): EmitEventInput<'followup_sent'> {
  const draft = newId();
  return {
    organizationId,
    conversationId,
    type: 'followup_sent',
    id: `followup_sent:${conversationId}:${step}`,
    data: {
      sequence: { id: `followups-${organizationId}-${conversationId}`, rule: null },
      follow_up: {
        step,
        draft,
        message_id: `<${draft}@reply.follow-ups.test>`,
        subject: 'Re: Your quote',
        to_fields: [{ address: 'jane@prospect.test', name: 'Jane' }],
        sent_at: 1_767_000_000 + step,
      },
    },
  };
}

export function sequenceEnded(organizationId: string, conversationId: string): EmitEventInput<'sequence_ended'> {
  return {
    organizationId,
    conversationId,
    type: 'sequence_ended',
    id: `sequence_ended:${conversationId}`,
    data: {
      sequence: { id: `followups-${organizationId}-${conversationId}`, rule: null },
      status: 'replied',
      reason: 'reply received from jane@prospect.test',
      follow_ups_sent: 2,
    },
  };
}

export const emit = (testApp: TestApp, event: EmitEventInput) =>
  emitEvent(testApp.deps.temporal, testApp.deps.taskQueue, event, { policy: TEST_DELIVERY_POLICY });

export async function deliveries(testApp: TestApp, auth: Record<string, string>, hookId: string) {
  return (await request(testApp.app).get(`/v1/hooks/${hookId}/deliveries`).set(auth).expect(200)).body.deliveries as {
    id: string;
    event: { id: string; type: string; conversation: string };
    status: string;
    reason: string | null;
    attempts: { attempt: number; status_code: number | null; error: string | null }[];
    delivered_at: number | null;
  }[];
}
