import type { RuleAnalytics } from '@follow-ups/contract';
import { funnelChart, timeToReplyChart } from './charts';
import { esc, page } from './html';

export type RecentReply = {
  conversation?: string | null;
  step?: number | null;
  at?: Date | null;
  from?: string | null;
  subject?: string | null;
};

const pct = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 1000) / 10} %`);
const dur = (s: number | null) =>
  s === null ? '–' : s < 3600 ? `${s / 60} min` : s < 86_400 ? `${s / 3600} h` : `${s / 86_400} d`;

function stepTable(a: RuleAnalytics): string {
  const rows = a.steps
    .map(
      (
        s,
      ) => `<tr><td>${s.step === 0 ? 'initial email' : `follow-up ${s.step}`}</td><td>${s.scheduled}</td><td>${s.sent}</td><td>${s.discarded}</td>
<td>${s.replies}</td><td>${pct(s.reply_rate)}</td><td>${s.out_of_office}</td><td>${s.bounces}</td><td>${s.unsubscribes}</td>
<td>${dur(s.time_to_reply_p50_s)}</td><td>${dur(s.time_to_reply_p90_s)}</td></tr>`,
    )
    .join('');
  return `<table class="steps"><thead><tr><th>step</th><th>scheduled</th><th>sent</th><th>discarded</th><th>replies</th><th>reply rate</th>
<th>out of office</th><th>bounces</th><th>unsubscribes</th><th>reply p50</th><th>reply p90</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function replyList(replies: RecentReply[]): string {
  if (!replies.length) return '<p class="muted">No replies yet.</p>';
  const items = replies
    .map(
      (r) => `<li><a href="/v1/conversations/${esc(r.conversation)}">${esc(r.subject || '(no subject)')}</a>
from ${esc(r.from)} <span class="muted">after step ${esc(r.step)}, ${esc(r.at ? new Date(r.at).toISOString().slice(0, 16).replace('T', ' ') : '')} UTC</span></li>`,
    )
    .join('');
  return `<ul class="replies">${items}</ul>`;
}

/** The report: per rule its funnel, its time-to-reply chart, the per-step table and the last replies. */
export function reportPage(rules: { analytics: RuleAnalytics; replies: RecentReply[] }[]): string {
  const sections = rules
    .map(
      ({ analytics: a, replies }) => `<section class="card rule"><h2>${esc(a.description)}</h2>
<p class="muted">${a.sequences.started} started · ${a.sequences.active} running · ${a.sequences.paused} paused · ${a.sequences.replied} replied ·
${a.sequences.completed} completed · ${a.sequences.stopped + a.sequences.bounced + a.sequences.unsubscribed} stopped</p>
<div class="charts"><figure>${funnelChart(a)}<figcaption class="muted">Funnel</figcaption></figure>
<figure>${timeToReplyChart(a)}<figcaption class="muted">Time to reply</figcaption></figure></div>
${stepTable(a)}<h3>Recent replies</h3>${replyList(replies)}</section>`,
    )
    .join('');
  const range = rules[0]
    ? `${new Date(rules[0].analytics.from * 1000).toISOString().slice(0, 10)} – ${new Date(rules[0].analytics.until * 1000).toISOString().slice(0, 10)}`
    : '';
  return page(
    'Follow-ups reports',
    `<h1>Follow-ups reports</h1><p class="muted">${esc(range)}</p>${sections || '<p>No rules yet.</p>'}`,
  );
}
