import { Types } from 'mongoose';
import {
  Conversation,
  countSequenceStart,
  derivedObjectId,
  Draft,
  findSuppressed,
  groupInsert,
  onlyDuplicateKeys,
  type DraftDoc,
  type MessageDoc,
  type OrganizationSettings,
} from '@follow-ups/db';
import {
  labelsToAdd,
  matchingRules,
  toAddress,
  planClock,
  planWindowedFollowUps,
  shouldRunOutgoingRules,
  type OutgoingMessage,
} from '@follow-ups/domain';
import type { PlannedStep } from '@follow-ups/workflows';
import { enabledOutgoingRules } from './enabledOutgoingRules';
import { senderAliases } from './senderAliases';
import { newMessageId } from './messageIds';
import { sequenceSchedule } from './sequenceSchedule';
import { sequenceOutOfOffice } from './sequenceOutOfOffice';
import { storedSending } from './storedSending';
import { startSequence, type TemporalTarget } from './startSequence';
import { markRulesDone } from './rulesDone';

export type RulesOutcome = {
  matchedRules: string[];
  labelsAdded: string[];
  sequence: { workflowId: string; started: boolean; steps: number } | null;
  /** Recipients on the suppression list: the rules' follow-ups were not scheduled. */
  suppressed?: string[];
};

/** What the caller already holds, so that it is not read or written again. */
export type RulesKnown = {
  /** The organization's `rulesVersion`, read with its settings: spares the version read. */
  rulesVersion?: number;
  /** Labels the conversation already has (written with it): not added again. */
  labels?: string[];
  /** The recipients were checked against the suppression list by this request already. */
  recipientsChecked?: boolean;
  /** The organization's settings, read with its `rulesVersion`: spares the read for the sending window. */
  settings?: OrganizationSettings;
  usersVersion?: number;
  /** The organization's `contactsVersion`: the recipient's time zone then comes from the cache. */
  contactsVersion?: number;
};

type Address = { address: string; name?: string | null };
type RuleMessage = {
  organization: Types.ObjectId;
  from: Address;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject?: string | null;
  text?: string | null;
  html?: string | null;
  origin: MessageDoc['origin'];
};

type Deps = TemporalTarget & {
  messageIdDomain: string;
  /** Divides every rule delay (FOLLOWUPS_DELAY_DIVISOR): 86400 turns "1 day" into one second, for demos and tests. */
  delayDivisor?: number;
};

/**
 * Runs the organization's enabled outgoing rules on a message that was just sent, in alphabetical
 * order of description: labels are added, and the scheduled follow-ups of every matching rule form
 * the conversation's one sequence. A conversation whose sequence is still running keeps it: the new
 * trigger's follow-ups are recorded as discarded ("sequence already running").
 */
/** Runs the rules of a message sent by a person and clears its `rulesPending` mark (the outbox). */
export async function applyPendingRules(
  deps: Deps,
  message: MessageDoc,
  teamId?: string | null,
  known: RulesKnown = {},
): Promise<RulesOutcome> {
  const outcome = await runOutgoingRules(deps, message, teamId, known);
  await markRulesDone(message._id);
  return outcome;
}

const outgoingOf = (message: RuleMessage, teamId?: string | null, fromAliases: string[] = []): OutgoingMessage => ({
  from: toAddress(message.from),
  to: message.to.map(toAddress),
  cc: message.cc.map(toAddress),
  bcc: message.bcc.map(toAddress),
  subject: message.subject ?? '',
  text: message.text ?? undefined,
  html: message.html ?? undefined,
  origin: message.origin,
  teamId: teamId ?? undefined,
  fromAliases,
});

/** The labels the organization's rules add to a message about to be stored: written with its conversation. */
export async function labelsOfRules(
  message: RuleMessage,
  teamId?: string | null,
  rulesVersion?: number,
  usersVersion?: number,
): Promise<string[]> {
  if (!shouldRunOutgoingRules(message)) return [];
  const outgoing = outgoingOf(
    message,
    teamId,
    await senderAliases(message.organization, message.from.address, usersVersion),
  );
  const matched = matchingRules(await enabledOutgoingRules(message.organization, rulesVersion), outgoing);
  return [...new Set(matched.flatMap((r) => labelsToAdd(r.actions)))];
}

export async function runOutgoingRules(
  deps: Deps,
  message: MessageDoc,
  teamId?: string | null,
  known: RulesKnown = {},
): Promise<RulesOutcome> {
  const outcome: RulesOutcome = { matchedRules: [], labelsAdded: [], sequence: null };
  if (!shouldRunOutgoingRules(message)) return outcome;
  const outgoing = outgoingOf(
    message,
    teamId,
    await senderAliases(message.organization, message.from.address, known.usersVersion),
  );

  const matched = matchingRules(await enabledOutgoingRules(message.organization, known.rulesVersion), outgoing);
  if (!matched.length) return outcome;
  outcome.matchedRules = matched.map((r) => r.id);

  const labels = [...new Set(matched.flatMap((r) => labelsToAdd(r.actions)))];
  if (labels.length) {
    if (!labels.every((l) => known.labels?.includes(l)))
      await Conversation.updateOne(
        { _id: message.conversation, organization: message.organization },
        { $addToSet: { labels: { $each: labels.map((l) => new Types.ObjectId(l)) } } },
      );
    outcome.labelsAdded = labels;
  }

  const clock = planClock(deps.delayDivisor);
  const scaled = (sendAt: Date) => clock.compress(message.at, sendAt);
  const first = matched.find((r) => r.actions.some((a) => a.type === 'schedule_followup'));
  // Sending windows read wall-clock hours: meaningless with compressed delays (demos, tests), so off there.
  const schedule =
    first && clock.real
      ? await sequenceSchedule({
          organization: String(message.organization),
          settings: known.settings,
          usersVersion: known.usersVersion,
          contactsVersion: known.contactsVersion,
          ruleSending: first.sending,
          sender: message.from.address,
          recipient: message.to[0]?.address ?? '',
        })
      : null;
  const plan = matched.flatMap((rule) =>
    planWindowedFollowUps(message.at, rule.actions, schedule?.policy ?? null).map((p) => ({
      ...p,
      sendAt: scaled(p.sendAt),
      nominalAt: scaled(p.nominalAt),
      rule: rule.id,
    })),
  );
  if (!plan.length) return outcome;
  // Nothing goes to an address that bounced, unsubscribed or complained: no sequence to it.
  const suppressed = known.recipientsChecked
    ? []
    : await findSuppressed(
        message.organization,
        [...message.to, ...message.cc].map((a) => a.address),
      );
  if (suppressed.length) return { ...outcome, suppressed: suppressed.map((s) => s.address) };
  plan.sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime());

  // Each draft's id is derived from its trigger message and step: a re-run for the same message
  // (after a crash, an unreachable Temporal, or another ingest's outbox at the same moment) finds
  // the same drafts by `_id` instead of writing a second plan.
  const ids = plan.map((_, i) => derivedObjectId('followup', String(message._id), String(i + 1)));
  const docs = plan.map((p, i) => ({
    _id: ids[i],
    triggerMessage: message._id,
    triggerMail: { from: message.from, to: message.to, cc: message.cc, subject: message.subject ?? '' },
    organization: message.organization,
    conversation: message.conversation,
    kind: 'followup',
    rule: p.rule,
    response: p.response,
    step: i + 1,
    sendAt: p.sendAt,
    nominalSendAt: p.nominalAt,
    status: 'scheduled',
    messageId: newMessageId(deps.messageIdDomain, 'fu'),
  }));
  // The plan as inserted; only when some were there already (a re-run) are they read back.
  const drafts = (await insertOnce(docs))
    ? docs
    : await Promise.all(ids.map(async (id) => (await Draft.findById(id).lean<DraftDoc>())!));
  const steps: PlannedStep[] = drafts.map((d) => ({
    step: d.step!,
    draftId: String(d._id),
    responseId: String(d.response),
    sendAt: d.sendAt.toISOString(),
    ...(d.nominalSendAt ? { nominalSendAt: d.nominalSendAt.toISOString() } : {}),
  }));
  const result = await startSequence(deps, {
    version: 1,
    organizationId: String(message.organization),
    conversationId: String(message.conversation),
    triggerMessageId: String(message._id),
    ruleId: first!.id,
    ruleDescription: first!.description,
    sender: message.from.address.toLowerCase(),
    recipient: (message.to[0]?.address ?? '').toLowerCase(),
    subject: message.subject ?? '',
    steps,
    ...(schedule ? { schedule } : {}),
    outOfOffice: sequenceOutOfOffice(schedule, first!.sending ?? storedSending(known.settings?.sending)),
  });
  if (result.started || result.ownRun)
    await countSequenceStart({
      organization: String(message.organization),
      conversation: String(message.conversation),
      rule: first!.id,
      sender: message.from.address,
      trigger: String(message._id),
      at: message.at,
      steps: steps.map((s) => s.step),
    });
  if (!result.started && !result.ownRun) {
    for (const d of drafts)
      await Draft.discardOne(message.organization, d._id!, 'a sequence is already running in this conversation');
  }
  outcome.sequence = { workflowId: result.workflowId, started: result.started || result.ownRun, steps: steps.length };
  return outcome;
}

/**
 * Inserts the drafts; those another writer inserted first (same derived `_id`) are kept as they are.
 * True when every one was inserted by this call. Built typed (cast, defaults, timestamps as mongoose
 * sets them) and inserted without hydrating a document each (`lean`): the LiveDraft entries are
 * still written first by Draft's insertMany middleware. Casting applies no setters (`trim`): every
 * value comes from the stored (or hydrated) trigger message, the rules and `newMessageId`, trimmed already.
 */
async function insertOnce(docs: object[]): Promise<boolean> {
  const now = new Date();
  const typed = docs.map((d) => Draft.castObject(Draft.applyDefaults({ ...d, createdAt: now, updatedAt: now })));
  try {
    await groupInsert(Draft, typed); // with the drafts of concurrent triggers: one insertMany
    return true;
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
    return false;
  }
}
