import { isValidEmail, normalizeAddress, parseAddress, parseAddressList } from './addresses';

describe('parseAddress', () => {
  it('parses name and address', () => {
    expect(parseAddress('Jane Doe <jane@x.com>')).toEqual({ address: 'jane@x.com', name: 'Jane Doe' });
  });

  it('parses a bare address, with or without brackets', () => {
    expect(parseAddress('  jane@x.com ')).toEqual({ address: 'jane@x.com' });
    expect(parseAddress('<jane@x.com>')).toEqual({ address: 'jane@x.com' });
  });

  it('unquotes quoted names, including escaped quotes and brackets', () => {
    expect(parseAddress('"Doe, Jane" <jane@x.com>')).toEqual({ address: 'jane@x.com', name: 'Doe, Jane' });
    expect(parseAddress('"Jane \\"JD\\" <Sales>" <jane@x.com>')).toEqual({
      address: 'jane@x.com',
      name: 'Jane "JD" <Sales>',
    });
  });

  it('returns null without a valid address', () => {
    expect(parseAddress('Jane Doe')).toBeNull();
    expect(parseAddress('Jane <not an address>')).toBeNull();
    expect(parseAddress('')).toBeNull();
  });
});

describe('parseAddressList', () => {
  it('splits on commas outside quotes', () => {
    expect(parseAddressList('a@x.com, "B, C" <b@x.com>')).toEqual([
      { address: 'a@x.com' },
      { address: 'b@x.com', name: 'B, C' },
    ]);
  });

  it('accepts semicolons and skips blank or invalid entries', () => {
    expect(parseAddressList('a@x.com; ; garbage, Dee <d@x.com>,')).toEqual([
      { address: 'a@x.com' },
      { address: 'd@x.com', name: 'Dee' },
    ]);
  });
});

describe('normalizeAddress', () => {
  it('trims and lowercases', () => {
    expect(normalizeAddress('  Jane.Doe@X.COM ')).toBe('jane.doe@x.com');
  });
});

describe('isValidEmail', () => {
  it.each(['jane@x.com', 'jane.doe+tag@mail.example.co.uk', "o'brien@x.io", 'a@xn--p1ai.xn--p1ai'])(
    'accepts %s',
    (value) => expect(isValidEmail(value)).toBe(true),
  );

  it.each([
    'jane',
    'jane@',
    '@x.com',
    'jane@x',
    'jane doe@x.com',
    'jane@x..com',
    'jane@-x.com',
    'a@b@c.com',
    'Jane <jane@x.com>',
  ])('rejects %s', (value) => expect(isValidEmail(value)).toBe(false));

  it('rejects over-long addresses', () => {
    expect(isValidEmail(`${'a'.repeat(250)}@x.com`)).toBe(false);
  });
});
