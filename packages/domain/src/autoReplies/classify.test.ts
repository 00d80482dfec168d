import { classifyInbound } from './classify';
import { AUTO_REPLIES, REAL_REPLIES, RECEIVED_AT } from './fixtures';

const all = [...AUTO_REPLIES, ...REAL_REPLIES];
const results = all.map((f) => ({ f, got: classifyInbound({ headers: f.headers, subject: f.subject, text: f.text, receivedAt: RECEIVED_AT }) }));

describe('auto-reply classification on the fixtures', () => {
  it('prints precision and recall; no real reply is taken for an auto-reply', () => {
    const tp = results.filter((r) => r.f.autoReply && r.got.autoReply).length;
    const fp = results.filter((r) => !r.f.autoReply && r.got.autoReply);
    const fn = results.filter((r) => r.f.autoReply && !r.got.autoReply);
    const dated = results.filter((r) => r.f.autoReply);
    const datesRight = dated.filter((r) => r.got.returnDate === (r.f.returnDate ?? null));
    console.log(
      [
        `auto-replies ${AUTO_REPLIES.length}, real replies ${REAL_REPLIES.length}`,
        `classification: precision ${(tp / (tp + fp.length)).toFixed(3)}, recall ${(tp / AUTO_REPLIES.length).toFixed(3)}`,
        `return date exact: ${datesRight.length}/${dated.length} (${((100 * datesRight.length) / dated.length).toFixed(1)} %)`,
        ...fn.map((r) => `missed: ${r.f.name}`),
        ...dated.filter((r) => !datesRight.includes(r)).map((r) => `date: ${r.f.name}: expected ${r.f.returnDate ?? null}, got ${r.got.returnDate}`),
      ].join('\n'),
    );
    expect(AUTO_REPLIES.length).toBeGreaterThanOrEqual(30);
    expect(REAL_REPLIES.length).toBeGreaterThanOrEqual(10);
    expect(fp.map((r) => r.f.name)).toEqual([]);
    expect(fn.map((r) => r.f.name)).toEqual([]);
    expect(datesRight.length / dated.length).toBeGreaterThanOrEqual(0.9);
  });

  it('tells out-of-office notices from other autoresponders', () => {
    const byName = new Map(results.map((r) => [r.f.name, r.got]));
    expect(byName.get('en exchange subject only')).toMatchObject({ autoReply: true, outOfOffice: true, by: 'subject', returnDate: '2026-12-07' });
    expect(byName.get('en x-autorespond crm')).toMatchObject({ autoReply: true, outOfOffice: false, by: 'headers' });
    expect(byName.get('de body only')).toMatchObject({ autoReply: true, outOfOffice: true, by: 'body', language: 'de' });
  });
});
