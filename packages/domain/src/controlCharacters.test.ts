import { stripControlCharacters } from './controlCharacters';

describe('stripControlCharacters', () => {
  it('removes C0 (but tab), DEL and C1 characters and turns line breaks into a space', () => {
    expect(stripControlCharacters('Re:\tYour quote\r\nBcc: x@evil.test')).toBe('Re:\tYour quote Bcc: x@evil.test');
    expect(stripControlCharacters('A\u0000B\u0007C\u001b[31mD\u007fE\u0085F\u009bG')).toBe('ABC[31mDEFG');
  });

  it('keeps every other character, accents and emoji included', () => {
    const text = 'Devis n°42 — Zoë 🎉 «ok»';
    expect(stripControlCharacters(text)).toBe(text);
  });
});
