// Reply latency: the prospect's answer through the real Inbound Parse webhook → 200 (follow-ups
// discarded in MongoDB by then) → the sequence workflow closed as replied.
import type { Client } from '@temporalio/client';
import { sequenceWorkflowId } from '@follow-ups/domain';
import type { SentMailStore } from '@follow-ups/sendgrid-sink';
import type { followUpSequence } from '@follow-ups/workflows';
import { inboundPayload } from '../helpers/inboundPayload';
import { prospect, type Ingested, type Tenant } from './ingest';
import { WEBHOOK_SECRET } from './stack';

export type ReplyFigures = { webhookMs: number[]; closedMs: number[]; wrong: string[] };

/** Answers each sequence in turn (one at a time: latency, not throughput); stops after `budgetMs`. */
export async function measureReplies(
  ctx: { url: string; client: Client; sink: SentMailStore; tenant: Tenant },
  sequences: Ingested[],
  budgetMs = Infinity,
): Promise<ReplyFigures> {
  const figures: ReplyFigures = { webhookMs: [], closedMs: [], wrong: [] };
  const started = performance.now();
  for (const seq of sequences) {
    if (performance.now() - started > budgetMs) break;
    const who = prospect(seq.index);
    const initial = ctx.sink.list({ to: who.address })[0];
    if (!initial?.replyTo) {
      figures.wrong.push(`${who.address}: initial mail not in the sink`);
      continue;
    }
    const payload = inboundPayload({
      from: who,
      to: [initial.replyTo.email],
      subject: `Re: ${initial.subject}`,
      text: 'Thanks, we will sign this week.',
      inReplyTo: initial.headers['Message-ID'],
    });
    const t0 = performance.now();
    const res = await payload.postTo(ctx.url, WEBHOOK_SECRET);
    const t1 = performance.now();
    await res.arrayBuffer();
    const handle = ctx.client.workflow.getHandle<typeof followUpSequence>(
      sequenceWorkflowId(ctx.tenant.organizationId, seq.conversation),
    );
    const final = await handle.result();
    const t2 = performance.now();
    if (res.status !== 200 || final.status !== 'replied' || final.steps.some((s) => s.status !== 'discarded')) {
      figures.wrong.push(
        `${who.address}: webhook ${res.status}, sequence ${final.status} (${final.steps.map((s) => s.status).join(',')})`,
      );
      continue;
    }
    figures.webhookMs.push(t1 - t0);
    figures.closedMs.push(t2 - t0);
  }
  return figures;
}
