// Finding many phrases in one long text without rescanning the text for each phrase.

const GRAM = 8;
const BASE = 0x10001;

/** Math.imul-based hash of text[from, from + GRAM): collisions are fine, every hit is verified. */
function gramHash(text: string, from: number): number {
  let h = 0;
  for (let i = from; i < from + GRAM; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  return h;
}

/**
 * Where each 8-character run of `text` starts, built once (linear in the text). `includes` then
 * costs about the occurrences of the phrase's rarest sampled run instead of a scan of the text, so
 * a thousand rules' phrases against a 10 KB message take a fraction of a millisecond.
 */
export class PhraseIndex {
  private readonly starts = new Map<number, number[]>();

  constructor(private readonly text: string) {
    let h = 0;
    let drop = 1; // BASE^(GRAM-1): the weight of the character leaving the window
    for (let i = 1; i < GRAM; i++) drop = Math.imul(drop, BASE);
    for (let i = 0; i < text.length; i++) {
      if (i >= GRAM) h = (h - Math.imul(text.charCodeAt(i - GRAM), drop)) | 0;
      h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
      if (i < GRAM - 1) continue;
      const list = this.starts.get(h);
      if (list) list.push(i - GRAM + 1);
      else this.starts.set(h, [i - GRAM + 1]);
    }
  }

  /** Same answer as `text.includes(phrase)`. */
  includes(phrase: string): boolean {
    if (phrase.length < GRAM) return this.text.includes(phrase);
    // Sample three runs of the phrase (start, middle, end); any absent one settles it.
    let best: number[] | undefined;
    let offset = 0;
    for (const at of [0, (phrase.length - GRAM) >> 1, phrase.length - GRAM]) {
      const list = this.starts.get(gramHash(phrase, at));
      if (!list) return false;
      if (!best || list.length < best.length) [best, offset] = [list, at];
    }
    return best!.some((start) => start >= offset && this.text.startsWith(phrase, start - offset));
  }
}
