// Many sleeping sequences: the real workflow and activities on a fresh worker service, started
// with startSequence over drafts bulk-inserted as the rules would write them, all first follow-ups
// due within one 10 s window. Worker memory while they sleep and at the due time; lateness of sends.
import { Types } from 'mongoose';
import { Conversation, Draft, Message, Rule } from '@follow-ups/db';
import { newMessageId, startSequence } from '@follow-ups/automation';
import { sequenceWorkflowId } from '@follow-ups/domain';
import type { SentMailStore } from '@follow-ups/sendgrid-sink';
import type { Client } from '@temporalio/client';
import type { FollowUpSequenceInput } from '@follow-ups/workflows';
import { cpuMeter, progress, rssMb, runConcurrently, sampler, sleep, spread, type Spread } from './measure';
import { SENDER, TRIGGER, prospect, type Tenant } from './ingest';
import type { OperationCost } from './operations';
import type { ServiceProcess } from './services';
import { REPLY_DOMAIN } from './stack';

const WINDOW_MS = 10_000;
const DAY = 86_400_000;

export type SleepingFigures = {
  sequences: number;
  startsPerSecond: number;
  idleRssMb: number;
  sleepingRssMb: number;
  dueRssMb: number;
  temporalRssMb: number;
  sent: number;
  drainSeconds: number;
  sendsPerSecond: number;
  latenessMs: Spread;
  startedLate: boolean;
  cpu: Record<string, number>;
  /** Sequence start → first sleep, and first follow-up sent (the worker's share; the bench starts the sequences). */
  operations: { start: OperationCost; followUp: OperationCost };
  /** Workflow ids of the sequences whose first follow-up was sent, in the order sent. */
  sentWorkflowIds: string[];
};

/** Conversations, trigger messages and three scheduled drafts per sequence, as runOutgoingRules writes them. */
async function seed(
  tenant: Tenant,
  n: number,
  dueAt: number,
): Promise<{ inputs: FollowUpSequenceInput[]; firstDue: Map<string, { sendAt: number; workflowId: string }> }> {
  const organization = new Types.ObjectId(tenant.organizationId);
  const rule = await Rule.findOne({ organization }).lean();
  const responses = (rule?.actions ?? []).filter((a) => a.type === 'schedule_followup').map((a) => a.response!);
  if (responses.length < 3) throw new Error('the template rule has fewer than three follow-ups');
  const inputs: FollowUpSequenceInput[] = [];
  const firstDue = new Map<string, { sendAt: number; workflowId: string }>();
  for (let from = 0; from < n; from += 500) {
    const conversations: object[] = [];
    const messages: object[] = [];
    const drafts: Array<{ _id: Types.ObjectId; step: number; response: Types.ObjectId; sendAt: Date }> = [];
    for (let i = from; i < Math.min(n, from + 500); i++) {
      const conversation = new Types.ObjectId();
      const trigger = new Types.ObjectId();
      const who = prospect(1_000_000 + i);
      const at = new Date();
      const triggerMessageId = newMessageId(REPLY_DOMAIN);
      conversations.push({
        _id: conversation,
        organization,
        subject: `Your quote ${i}`,
        labels: [],
        participants: [SENDER, who],
        lastActivityAt: at,
        thread: [triggerMessageId],
        threadKept: true,
        counting: { rule: String(rule!._id), sender: SENDER.address, trigger: String(trigger), step: 0, sentAt: at },
      });
      messages.push({
        _id: trigger,
        organization,
        conversation,
        direction: 'outgoing',
        origin: 'api',
        from: SENDER,
        to: [who],
        cc: [],
        bcc: [],
        subject: `Your quote ${i}`,
        text: `Hi,\n${TRIGGER}.`,
        messageId: triggerMessageId,
        references: [],
        at,
      });
      const sendAts = [dueAt + (i / n) * WINDOW_MS, dueAt + DAY, dueAt + 2 * DAY];
      const planned = sendAts.map((t, k) => ({
        _id: new Types.ObjectId(),
        organization,
        conversation,
        kind: 'followup',
        rule: rule!._id,
        triggerMessage: trigger,
        triggerMail: { from: SENDER, to: [who], cc: [], subject: `Your quote ${i}` },
        response: responses[k],
        step: k + 1,
        sendAt: new Date(t),
        status: 'scheduled',
        messageId: newMessageId(REPLY_DOMAIN, 'fu'),
      }));
      drafts.push(...planned);
      firstDue.set(planned[0].messageId, {
        sendAt: planned[0].sendAt.getTime(),
        workflowId: sequenceWorkflowId(tenant.organizationId, String(conversation)),
      });
      inputs.push({
        version: 1,
        organizationId: tenant.organizationId,
        conversationId: String(conversation),
        triggerMessageId: String(trigger),
        ruleId: String(rule!._id),
        ruleDescription: rule!.description,
        sender: SENDER.address,
        recipient: who.address,
        subject: `Your quote ${i}`,
        steps: planned.map((d) => ({
          step: d.step,
          draftId: String(d._id),
          responseId: String(d.response),
          sendAt: d.sendAt.toISOString(),
        })),
      });
    }
    await Conversation.insertMany(conversations, { lean: true });
    await Message.insertMany(messages, { lean: true });
    await Draft.insertMany(drafts, { lean: true });
  }
  return { inputs, firstDue };
}

export async function measureSleeping(
  ctx: {
    client: Client;
    sink: SentMailStore;
    tenant: Tenant;
    taskQueue: string;
    worker: ServiceProcess;
    pids: Record<string, number | undefined>;
    /** Opens the window of one operation (operations.ts). */
    window: (name: string) => Promise<(n: number) => Promise<OperationCost>>;
  },
  options: { sequences: number; startsPerSecond: number; drainBudgetMs: number },
): Promise<SleepingFigures> {
  const n = options.sequences;
  const idleRssMb = rssMb(ctx.worker.pid);
  // Due once every sequence has started (at half the measured start rate) plus a margin to settle.
  const dueAt = Date.now() + 5_000 + (n / Math.max(options.startsPerSecond / 2, 20)) * 1000 + 15_000;
  const { inputs, firstDue } = await seed(ctx.tenant, n, dueAt);
  progress(
    `sleeping: ${n} sequences seeded; starting them, first follow-ups due in ${Math.round((dueAt - Date.now()) / 1000)} s`,
  );
  const sentBefore = ctx.sink.list().length;
  const memory = sampler(() => rssMb(ctx.worker.pid));
  const temporalMemory = sampler(() => rssMb(ctx.pids.temporal), 1000);
  const startWindow = await ctx.window('sequence start → first sleep: startSequence');
  const starts = await runConcurrently(n, 16, async (i) => {
    await startSequence({ client: ctx.client, taskQueue: ctx.taskQueue }, inputs[i]);
  });
  const startedLate = Date.now() > dueAt;
  await sleep(Math.min(3_000, Math.max(0, dueAt - Date.now() - 1_000))); // the last first workflow tasks
  const start = await startWindow(n);
  progress(`sleeping: ${n} started at ${Math.round((n / starts.ms) * 1000)}/s; sleeping until due`);
  const asleep = memory.stop();
  const sleepingMemory = sampler(() => rssMb(ctx.worker.pid));
  await sleep(Math.max(0, dueAt - Date.now() - 500));
  const sleepingRss = Math.max(...asleep.slice(-4), ...sleepingMemory.stop());

  const dueMemory = sampler(() => rssMb(ctx.worker.pid));
  const followUpWindow = await ctx.window('follow-up sent: the first, due within 10 s');
  const cpu = cpuMeter({ ...ctx.pids, worker: ctx.worker.pid });
  const deadline = dueAt + WINDOW_MS + options.drainBudgetMs;
  const lateness: number[] = [];
  const sentWorkflowIds: string[] = [];
  let seen = sentBefore;
  while (lateness.length < n && Date.now() < deadline) {
    await sleep(250);
    const mails = ctx.sink.list();
    for (const mail of mails.slice(seen)) {
      const due = firstDue.get(mail.headers['Message-ID']);
      if (!due) continue;
      lateness.push(Date.parse(mail.receivedAt) - due.sendAt);
      sentWorkflowIds.push(due.workflowId);
    }
    seen = mails.length;
  }
  const drainSeconds = (Date.now() - dueAt) / 1000;
  const cpuUse = cpu();
  const dueRss = Math.max(...dueMemory.stop());
  const temporalRss = Math.max(...temporalMemory.stop());
  await sleep(2_000); // the writes after the last mail reached the sink
  const followUp = await followUpWindow(lateness.length);
  return {
    sequences: n,
    startsPerSecond: (n / starts.ms) * 1000,
    idleRssMb,
    sleepingRssMb: sleepingRss,
    dueRssMb: dueRss,
    temporalRssMb: temporalRss,
    sent: lateness.length,
    drainSeconds,
    sendsPerSecond: lateness.length / Math.max(drainSeconds, 0.001),
    // Unsent ones count as late as the deadline: the figure is then a lower bound.
    latenessMs: spread([...lateness, ...Array<number>(n - lateness.length).fill(deadline - dueAt)]),
    startedLate,
    cpu: cpuUse,
    operations: { start, followUp },
    sentWorkflowIds,
  };
}
