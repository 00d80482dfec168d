import type { RuleAnalytics } from '@follow-ups/contract';
import { esc } from './html';

const W = 520;
const ROW = 30;

/** Horizontal bars, one per stage, scaled to the largest. */
function bars(label: string, rows: { name: string; value: number }[], color: string): string {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const h = rows.length * ROW + 10;
  const items = rows
    .map((r, i) => {
      const width = Math.round((r.value / max) * (W - 230));
      const y = i * ROW + 5;
      return `<text x="0" y="${y + 18}" font-size="13" fill="#344054">${esc(r.name)}</text>
<rect x="150" y="${y + 4}" width="${width}" height="20" rx="3" fill="${color}"></rect>
<text x="${156 + width}" y="${y + 18}" font-size="13" fill="#1d2330">${r.value}</text>`;
    })
    .join('');
  return `<svg role="img" aria-label="${esc(label)}" class="${label.startsWith('Funnel') ? 'funnel' : 'ttr'}" viewBox="0 0 ${W} ${h}" width="100%" xmlns="http://www.w3.org/2000/svg"><title>${esc(label)}</title>${items}</svg>`;
}

/** started → step 1 sent → … → replied. */
export function funnelChart(a: RuleAnalytics): string {
  const rows = [
    { name: 'started', value: a.sequences.started },
    ...a.steps.filter((s) => s.step > 0).map((s) => ({ name: `follow-up ${s.step} sent`, value: s.sent })),
    { name: 'replied', value: a.steps.reduce((n, s) => n + s.replies, 0) },
  ];
  return bars(`Funnel of ${a.description}`, rows, '#4f6bed');
}

const human = (s: number | null) =>
  s === null ? 'slower' : s < 3600 ? `≤ ${s / 60} min` : s < 86_400 ? `≤ ${s / 3600} h` : `≤ ${s / 86_400} d`;

/** Replies by time to reply (the histogram's buckets). */
export function timeToReplyChart(a: RuleAnalytics): string {
  return bars(
    `Time to reply of ${a.description}`,
    a.time_to_reply_histogram.map((b) => ({ name: human(b.up_to_s), value: b.replies })),
    '#12b76a',
  );
}
