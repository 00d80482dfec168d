import { fastHtmlToText } from './fastHtmlToText';
import { htmlShape } from './htmlScan';
import { HTML_TO_TEXT_LIMITS, htmlToPlainText } from './htmlToText';
import { oneLine, trimToWords } from './oneLine';

describe('htmlShape', () => {
  it('counts nesting (void elements and closed tags aside) and table cells', () => {
    expect(htmlShape('<div><p>a<br>b</p><p><img src=x>c</p></div>')).toEqual({ depth: 2, cells: 0 });
    expect(htmlShape('<table><tr><td>a</td><th>b</th></tr></table>')).toEqual({ depth: 3, cells: 2 });
    expect(htmlShape('<div>'.repeat(5_000)).depth).toBe(5_000);
  });

  it('reads a run of "<" without ">", comments and scripts as no tags', () => {
    expect(htmlShape('<'.repeat(100_000))).toEqual({ depth: 0, cells: 0 });
    expect(htmlShape('<!-- <div><div> --><script><div></script><p>x</p>')).toEqual({ depth: 1, cells: 0 });
  });
});

describe('fastHtmlToText', () => {
  it('breaks lines at blocks, separates cells, quotes blockquotes, decodes entities, drops scripts', () => {
    const html =
      '<p>Hi&nbsp;Jane &amp; team,</p><div>See <a href="https://x.test">the quote</a>.</div>' +
      '<table><tr><td>Seats</td><td>12</td></tr></table><script>alert(1)</script>' +
      '<blockquote><p>Earlier message</p></blockquote>';
    expect(fastHtmlToText(html)).toBe('Hi Jane & team,\n\nSee the quote.\n\nSeats\t12\n\n> Earlier message');
  });

  it('keeps a stray "<" as text', () => {
    expect(fastHtmlToText('1 < 2 and <b>bold</b>')).toBe('1 < 2 and bold');
  });
});

describe('htmlToPlainText, bounded', () => {
  it('converts 5,000 nested elements without throwing', () => {
    expect(htmlToPlainText(`${'<div>'.repeat(5_000)}deep${'</div>'.repeat(5_000)}`)).toBe('deep');
  });

  it('takes the linear converter above its limits: a wide one-row table keeps every cell', () => {
    const cells = HTML_TO_TEXT_LIMITS.cells + 1;
    const text = htmlToPlainText(`<table><tr>${'<td>c</td>'.repeat(cells)}</tr></table>`);
    expect(text.split('\t')).toHaveLength(cells);
  });
});

describe('oneLine and trimToWords', () => {
  it('folds line breaks and the spaces around them, keeps other runs', () => {
    expect(oneLine('Quote \r\n  for\n\nyou  today')).toBe('Quote for you  today');
    expect(oneLine(`${' '.repeat(100_000)}x`)).toHaveLength(100_001);
  });

  it('trims what is neither letter nor digit at both ends', () => {
    expect(trimToWords('«¡Hola, amigo!»')).toBe('Hola, amigo');
    expect(trimToWords(`a${'-'.repeat(100_000)}b`)).toHaveLength(100_002);
    expect(trimToWords('!!!')).toBe('');
  });
});
