import { PhraseIndex } from './phraseIndex';

describe('PhraseIndex', () => {
  const text = 'hi jane, here is the quote you requested (ref 12). we would like to discuss the numbers. é ünïcode ok';
  const index = new PhraseIndex(text);

  it('answers as String.includes for phrases present, absent, short and at both ends', () => {
    const phrases = [
      'here is the quote you requested (ref 12)',
      'here is the quote you requested (ref 13)',
      'hi jane, here',
      'é ünïcode ok',
      'the numbers.',
      'the numbers!',
      'jane',
      'zz',
      '',
      'discuss the numbers. é ünïcode ok and more',
      text,
      `${text} `,
    ];
    for (const phrase of phrases) expect([phrase, index.includes(phrase)]).toEqual([phrase, text.includes(phrase)]);
  });

  it('finds a phrase whose sampled runs occur many times elsewhere', () => {
    const repeated = `${'abcdefgh '.repeat(500)}abcdefgh abcdefgX abcdefgh`;
    const many = new PhraseIndex(repeated);
    expect(many.includes('abcdefgh abcdefgX abcdefgh')).toBe(true);
    expect(many.includes('abcdefgh abcdefgY abcdefgh')).toBe(false);
  });

  it('agrees with String.includes on random substrings and near misses', () => {
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const source = Array.from({ length: 3000 }, () => 'ab c\u00e9d'[rand(7)]).join('');
    const random = new PhraseIndex(source);
    for (let i = 0; i < 500; i++) {
      const start = rand(source.length - 40);
      const phrase = source.slice(start, start + 8 + rand(30));
      const missed = phrase.slice(0, -1) + (phrase.endsWith('x') ? 'y' : 'x');
      expect(random.includes(phrase)).toBe(true);
      expect(random.includes(missed)).toBe(source.includes(missed));
    }
  });
});
