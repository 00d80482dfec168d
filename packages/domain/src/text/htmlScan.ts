// One linear pass over untrusted HTML: text runs and tags, in order, with no regex that can
// backtrack. Comments, <script> and <style> are skipped; a `<` that opens no tag is text. Every
// search for a closing `>` or `-->` is remembered, so a run of `<` without `>` stays linear.
/** `text(from, to)`: a text run is html.slice(from, to), sliced only by a visitor that needs it. */
export type HtmlVisitor = {
  text(from: number, to: number): void;
  tag(name: string, closing: boolean, selfClosing: boolean): void;
};

const TAG_NAME = /(\/?)([a-zA-Z][a-zA-Z0-9:-]{0,40})/y; // sticky: read at one index, no slice
const RAW_TEXT = new Set(['script', 'style', 'title', 'head', 'template', 'noscript']);
/** Elements that never have content, so never nest. */
export const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** Calls `visit.text` for each text run and `visit.tag` for each tag of `html`, in one pass. */
export function scanHtml(html: string, visit: HtmlVisitor): void {
  const n = html.length;
  let at = 0;
  let nextGt = -1; // the first `>` at or after the last search (or n: none)
  const gtAfter = (from: number) => {
    if (nextGt < from) nextGt = html.indexOf('>', from);
    if (nextGt < 0) nextGt = n;
    return nextGt;
  };
  while (at < n) {
    const lt = html.indexOf('<', at);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      if (lt > at) visit.text(at, lt);
      const end = html.indexOf('-->', lt + 4);
      at = end < 0 ? n : end + 3;
      continue;
    }
    const gt = gtAfter(lt + 1);
    if (gt >= n) break; // no `>` left: the rest is text
    TAG_NAME.lastIndex = lt + 1;
    const name = TAG_NAME.exec(html);
    if (!name) {
      if (html[lt + 1] === '!' || html[lt + 1] === '?') {
        if (lt > at) visit.text(at, lt);
        at = gt + 1; // <!DOCTYPE …>, <?xml …?>
        continue;
      }
      visit.text(at, lt + 1);
      at = lt + 1;
      continue;
    }
    if (lt > at) visit.text(at, lt);
    const tagName = (name[2] ?? '').toLowerCase();
    const closing = name[1] === '/';
    const selfClosing = html[gt - 1] === '/';
    visit.tag(tagName, closing, selfClosing);
    at = gt + 1;
    if (!closing && !selfClosing && RAW_TEXT.has(tagName)) {
      at = afterClosing(html, tagName, at);
      visit.tag(tagName, true, false);
    }
  }
  if (at < n) visit.text(at, n);
}

/** Where the text after `</name>` starts (the end when it is never closed). */
function afterClosing(html: string, name: string, from: number): number {
  const closing = new RegExp(`</${name}\\s*>`, 'gi');
  closing.lastIndex = from;
  return closing.exec(html) ? closing.lastIndex : html.length;
}

export type HtmlShape = { depth: number; cells: number };

/** How deeply the elements of `html` nest, and how many table cells it has (one linear pass). */
export function htmlShape(html: string): HtmlShape {
  let open = 0;
  let depth = 0;
  let cells = 0;
  scanHtml(html, {
    text: () => undefined,
    tag: (name, closing, selfClosing) => {
      if (VOID_ELEMENTS.has(name) || selfClosing) return;
      if (closing) open = Math.max(0, open - 1);
      else {
        open += 1;
        depth = Math.max(depth, open);
        if (name === 'td' || name === 'th') cells += 1;
      }
    },
  });
  return { depth, cells };
}
