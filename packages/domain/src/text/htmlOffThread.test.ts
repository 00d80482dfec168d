import { htmlToPlainTextOffThread } from './htmlOffThread';

const table = `<table><tr>${'<td>cell</td>'.repeat(10_000)}</tr></table>`;

describe('htmlToPlainTextOffThread', () => {
  it('converts small HTML in place and large HTML on a thread', async () => {
    expect(await htmlToPlainTextOffThread('<p>Hi <b>Jane</b></p>')).toBe('Hi Jane');
    expect((await htmlToPlainTextOffThread(table))?.split('\t')).toHaveLength(10_000);
  });

  it('gives up (undefined) when the thread does not answer within its time budget', async () => {
    expect(await htmlToPlainTextOffThread(table, { timeoutMs: 0 })).toBeUndefined();
  });
});
