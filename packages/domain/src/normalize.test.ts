import { normalizeId, normalizeText } from './normalize';

describe('normalizeText', () => {
  it('collapses whitespace runs (newlines, tabs, nbsp), trims and lowercases', () => {
    expect(normalizeText('  Here is\r\n the\tQUOTE\u00a0you  requested \n')).toBe('here is the quote you requested');
  });

  it('drops quote markers at line starts, nested ones too', () => {
    expect(normalizeText('Thanks\n> Here is the\n>> quote\n > you requested')).toBe(
      'thanks here is the quote you requested',
    );
  });

  it('keeps ">" inside a line', () => {
    expect(normalizeText('a > b')).toBe('a > b');
  });
});

describe('normalizeId', () => {
  it('trims and lowercases', () => {
    expect(normalizeId(' Team-Sales ')).toBe('team-sales');
  });
});
