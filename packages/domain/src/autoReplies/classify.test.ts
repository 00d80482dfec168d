import { classifyInbound, returnDate } from './index';

const at = new Date('2026-12-01T09:30:00Z'); // a Tuesday
const mail = (text: string, extra: Partial<Parameters<typeof classifyInbound>[0]> = {}) =>
  classifyInbound({ headers: {}, subject: 'Re: Your quote', text, receivedAt: at, ...extra });

describe('classifyInbound', () => {
  it('reads wording without any header: inverted order, negations, future tense, verbless, third person', () => {
    expect(mail("Je ne suis pas au bureau jusqu'au 15 janvier.")).toMatchObject({
      kind: 'out_of_office',
      by: 'body',
      returnDate: '2027-01-18',
    }); // last day a Friday
    expect(mail('Bis einschließlich 8. Januar bin ich nicht im Büro.')).toMatchObject({
      kind: 'out_of_office',
      returnDate: '2027-01-11',
    });
    expect(mail('No estaré disponible hasta el lunes 14 de diciembre.')).toMatchObject({
      kind: 'out_of_office',
      returnDate: '2026-12-14',
    });
    expect(mail('In ferie fino al 9 dicembre.')).toMatchObject({ kind: 'out_of_office', returnDate: '2026-12-09' });
    expect(mail('Ritornerò in ufficio il 7 gennaio.')).toMatchObject({
      kind: 'out_of_office',
      returnDate: '2027-01-07',
    });
    expect(mail('The recipient is not around until Monday 14 December.')).toMatchObject({
      kind: 'out_of_office',
      returnDate: '2026-12-14',
    });
  });

  it('reads common shorthand: PTO, RTT, em férias', () => {
    expect(mail("I'm on PTO until Monday, December 14. Limited access to email.").returnDate).toBe('2026-12-14');
    expect(mail('Je suis en RTT, de retour le 3 décembre.').kind).toBe('out_of_office');
    expect(mail('Estou em férias até 10 de dezembro.').kind).toBe('out_of_office');
    // "Ik ben vrij tot 16 uur, bel maar" is a person free to talk: "vrij" is not read as away.
    expect(mail('Ik ben vrij tot 16 uur, bel maar.').kind).toBe('human');
  });

  it('keeps people who mention an absence while answering as human replies', () => {
    expect(mail("I'll be out next week, can we talk Thursday instead?").kind).toBe('human');
    expect(mail('Sorry, I was on vacation last week. The quote works for us.').kind).toBe('human');
    expect(mail('Thanks!\n\nSent from my iPhone').kind).toBe('human');
    expect(mail('Sono stata in ferie fino al 30 novembre, ora sono di nuovo in ufficio.').kind).toBe('human');
    expect(mail('Ik ben tot gisteren ziek geweest, nu weer aan het werk.').kind).toBe('human');
    expect(mail('Please contact my colleague Jenny, she will be back on Monday.').kind).toBe('human');
  });

  it('takes a hand-typed absence with quoted history for an out-of-office (it pauses, and is forwarded)', () => {
    const text =
      "Hi Sam, I'm on vacation until March 10th, will look at it once I'm back.\n\nOn Mon, Feb 22, 2027 at 9:02 AM Sam <sam@v.example> wrote:\n> Hi";
    expect(mail(text, { receivedAt: new Date('2027-02-24T10:00:00Z') })).toMatchObject({
      kind: 'out_of_office',
      returnDate: '2027-03-10',
    });
  });

  it('reads vendor vacation headers as out-of-office, and an inbox-rule loop mark alone as nothing', () => {
    expect(mail('Back soon.', { headers: { 'Auto-Submitted': 'auto-replied (vacation)' } }).kind).toBe('out_of_office');
    const exchange = {
      'Auto-Submitted': 'auto-generated',
      'X-MS-Exchange-Generated-Message-Source': 'Mailbox Rules Agent',
    };
    expect(mail('Thanks for your message.', { headers: exchange }).kind).toBe('out_of_office');
    expect(
      mail('Yes, go ahead with the order.', { headers: { 'X-MS-Exchange-Inbox-Rules-Loop': 'a@b.example' } }).kind,
    ).toBe('human');
    expect(
      mail('We got your request.', {
        headers: { 'Auto-Submitted': 'auto-generated' },
        subject: '[Ticket #12] Received',
      }).kind,
    ).toBe('auto_reply');
  });

  it('recognises bounces by content, whatever the envelope sender', () => {
    const dsn = { 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="x"' };
    expect(
      mail('Your message could not be delivered.', { headers: dsn, envelopeFrom: 'bounces@relay.example' }).kind,
    ).toBe('bounce');
    expect(
      mail('Address not found', { headers: { From: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>' } }).kind,
    ).toBe('bounce');
    const ndr = { headers: { From: 'postmaster@kunde.example' }, subject: 'Unzustellbar: Ihr Angebot' };
    expect(mail('Die Nachricht konnte nicht zugestellt werden.', ndr)).toMatchObject({
      kind: 'bounce',
      outOfOffice: false,
    });
    expect(mail('Anything', { envelopeFrom: '<>', subject: 'Undelivered Mail Returned to Sender' }).kind).toBe(
      'bounce',
    );
  });
});

describe('returnDate', () => {
  it('ends an absence already begun in the current year, not the next', () => {
    expect(returnDate('absent du 1er juillet au 31 août', new Date('2026-07-20T08:00:00Z'), 'fr', 'Europe/Paris')).toBe(
      '2026-09-01',
    );
    expect(returnDate('vom 1. bis 15. Juli im Urlaub', new Date('2026-07-08T08:00:00Z'), 'de', 'Europe/Berlin')).toBe(
      '2026-07-16',
    );
    expect(returnDate('on leave July 1-17', new Date('2026-07-08T08:00:00Z'), 'en', 'America/New_York')).toBe(
      '2026-07-20',
    );
  });

  it('reads "next week" as its Monday, a last day away as the next working day, "back on" as is', () => {
    expect(returnDate('back next week', at, 'en')).toBe('2026-12-07');
    expect(returnDate('I am out until Friday 11th', at, 'en')).toBe('2026-12-14');
    expect(returnDate('back on Monday 14th', at, 'en')).toBe('2026-12-14');
    expect(returnDate('bis einschließlich 9.12. abwesend', at, 'de')).toBe('2026-12-10');
    expect(returnDate('back in January, on the 4th', new Date('2026-12-22T12:00:00Z'), 'en')).toBe('2027-01-04');
  });

  it('reads weekdays in the recipient zone', () => {
    // 23:30 UTC on Monday is already Tuesday in Berlin: "Thursday" is two days ahead either way, "tomorrow" is not.
    const late = new Date('2026-11-30T23:30:00Z');
    expect(returnDate('back tomorrow', late, 'en', 'Europe/Berlin')).toBe('2026-12-02');
    expect(returnDate('back tomorrow', late, 'en', 'America/New_York')).toBe('2026-12-01');
  });
});
