// Webhook subscriptions of an organization: created with a one-time secret, never seen by another.
import type { CreateHook, HookDeliveryStatus } from '@follow-ups/contract';
import { Conversation, Hook, HookDelivery, Rule } from '@follow-ups/db';
import { hookUrlProblem, newHookSecret, type HookUrlOptions } from '@follow-ups/events';
import { conflict, invalid, notFound } from '../http/appError';

/** A tenant cannot make the server fan one event out to an unbounded number of URLs. */
export const MAX_HOOKS_PER_ORGANIZATION = 50;

export async function createHook(organization: string, fields: CreateHook, policy: HookUrlOptions = {}) {
  if (fields.organization && fields.organization !== organization)
    throw notFound(`organization ${fields.organization}`);
  const problem = hookUrlProblem(fields.url, policy);
  if (problem) throw invalid('the hook URL is not allowed', [{ path: 'body.hooks.url', message: problem }]);
  await assertOwned(Rule, organization, fields.filters?.rules, 'rule');
  await assertOwned(Conversation, organization, fields.filters?.conversations, 'conversation');
  if ((await Hook.countDocuments({ organization })) >= MAX_HOOKS_PER_ORGANIZATION) {
    throw conflict(`an organization has at most ${MAX_HOOKS_PER_ORGANIZATION} hooks`);
  }
  const secret = newHookSecret();
  const hook = await Hook.create({
    organization,
    type: fields.type,
    url: fields.url,
    secret,
    filters: fields.filters ?? {},
  });
  return { hook: hook.toObject(), secret };
}

export async function findHook(organization: string, id: string) {
  const hook = await Hook.findOne({ _id: id, organization }).lean();
  if (!hook) throw notFound(`hook ${id}`);
  return hook;
}

/** Deletes the hook; its pending deliveries are cancelled (the delivery activity also checks). */
export async function deleteHook(organization: string, id: string) {
  const hook = await findHook(organization, id);
  await Hook.deleteOne({ _id: hook._id, organization });
  await HookDelivery.updateMany(
    { organization, hook: hook._id, status: 'pending' },
    { $set: { status: 'cancelled', reason: 'hook deleted' } },
  );
  return hook;
}

export async function listHookDeliveries(
  organization: string,
  id: string,
  query: { status?: HookDeliveryStatus; limit: number },
) {
  const hook = await findHook(organization, id);
  return HookDelivery.find({ organization, hook: hook._id, ...(query.status ? { status: query.status } : {}) })
    .sort({ createdAt: -1, _id: -1 })
    .limit(query.limit)
    .lean();
}

async function assertOwned(
  model: typeof Rule | typeof Conversation,
  organization: string,
  ids: string[] | undefined,
  what: string,
) {
  if (!ids?.length) return;
  const unique = [...new Set(ids)];
  const found = await (model as typeof Rule).countDocuments({ _id: { $in: unique }, organization });
  if (found !== unique.length) throw notFound(`${what} in filters`);
}
