// HTML to plain text in linear time, for mail too large or too deeply nested for html-to-text
// (whose table layout is quadratic and whose recursion overflows the stack near 4,000 levels).
// Block elements break lines, table cells are separated by a tab, blockquotes become `> ` lines,
// links keep their text, images and scripts are dropped, entities are decoded.
import { decodeHTML } from 'entities';
import { scanHtml } from './htmlScan';

const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
]);
const PARAGRAPHS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'table', 'ul', 'ol', 'pre']);

/** Plain text of `html`, in time linear in its length (the line is built from parts, never re-read). */
export function fastHtmlToText(html: string): string {
  const lines: string[] = [];
  let parts: string[] = [];
  let last = ''; // the last character of the line so far ('' when it is empty)
  let quoteDepth = 0;
  let pre = 0;
  let breaks = 0; // line breaks asked for before the next text
  const flush = () => {
    const text = parts.join('').trimEnd();
    if (text !== '') lines.push(`${'> '.repeat(quoteDepth)}${text}`);
    parts = [];
    last = '';
  };
  const write = (run: string) => {
    if (breaks > 0) {
      flush();
      if (breaks > 1 && lines.length && lines[lines.length - 1] !== '') lines.push('');
      breaks = 0;
    }
    if (run === '') return;
    parts.push(run);
    last = run[run.length - 1] ?? last;
  };
  scanHtml(html, {
    text(from, to) {
      const run = html.slice(from, to);
      const decoded = run.includes('&') ? decodeHTML(run) : run;
      if (pre > 0) {
        decoded.split(/\r?\n/).forEach((part, i) => {
          if (i > 0) breaks = Math.max(breaks, 1);
          if (part) write(part);
        });
        return;
      }
      const collapsed = decoded.replace(/\s+/g, ' ');
      const atStart = last === '' || last === ' ' || last === '\t' || breaks > 0;
      write(atStart && collapsed.startsWith(' ') ? collapsed.slice(1) : collapsed);
    },
    tag(name, closing) {
      if (name === 'br') breaks = Math.max(breaks, 1);
      else if ((name === 'td' || name === 'th') && !closing && last !== '' && breaks === 0) write('\t');
      else if (BLOCKS.has(name)) {
        breaks = Math.max(breaks, PARAGRAPHS.has(name) ? 2 : 1);
        if (name === 'blockquote' || name === 'pre') {
          flush();
          if (name === 'blockquote') quoteDepth = Math.max(0, quoteDepth + (closing ? -1 : 1));
          else pre = Math.max(0, pre + (closing ? -1 : 1));
        }
      }
    },
  });
  flush();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n').trim();
}
