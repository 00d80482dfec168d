import { extractMessageIds, isAutoReply } from './replies';

describe('isAutoReply', () => {
  it('is false for a person’s reply', () => {
    expect(isAutoReply({ Subject: 'Re: quote', 'Auto-Submitted': 'no', Precedence: undefined })).toBe(false);
    expect(isAutoReply({})).toBe(false);
  });

  it('follows RFC 3834 Auto-Submitted, with parameters and any case', () => {
    expect(isAutoReply({ 'Auto-Submitted': 'auto-replied' })).toBe(true);
    expect(isAutoReply({ 'auto-submitted': 'Auto-Generated; owner-email="x@y.z"' })).toBe(true);
    expect(isAutoReply({ 'AUTO-SUBMITTED': ' No ' })).toBe(false);
  });

  it('detects X-Autoreply and X-Autorespond by presence', () => {
    expect(isAutoReply({ 'X-Autoreply': 'yes' })).toBe(true);
    expect(isAutoReply({ 'x-autorespond': '' })).toBe(true);
  });

  it('detects bulk, junk, list and auto_reply precedence only', () => {
    for (const value of ['bulk', 'JUNK', ' list ', 'auto_reply']) {
      expect(isAutoReply({ Precedence: value })).toBe(true);
    }
    expect(isAutoReply({ Precedence: 'first-class' })).toBe(false);
  });
});

describe('extractMessageIds', () => {
  it('returns bracketed ids in order without duplicates', () => {
    expect(extractMessageIds('<a@x.com>\r\n <b.c@y.org> <a@x.com>')).toEqual(['<a@x.com>', '<b.c@y.org>']);
  });

  it('handles missing or id-less values', () => {
    expect(extractMessageIds(undefined)).toEqual([]);
    expect(extractMessageIds('no ids here')).toEqual([]);
  });
});
