import { personFromAddress, renderTemplate, replySubject, textToHtml, validateTemplate } from './render';

const FOLLOW_UP =
  "Hi {{ recipient.first_name | default: 'there' }}, just following up on the quote. — {{ user.first_name }}";
const sam = { email: 'sam@acme.com', name: 'Sam Seller', first_name: 'Sam', last_name: 'Seller' };

describe('personFromAddress', () => {
  it('splits the name into first and last', () => {
    expect(personFromAddress({ address: 'jane@x.com', name: ' Jane  van Dyke ' })).toEqual({
      email: 'jane@x.com',
      name: 'Jane van Dyke',
      first_name: 'Jane',
      last_name: 'van Dyke',
    });
  });

  it('reads directory-style "Last, First" names', () => {
    expect(personFromAddress({ address: 'jane@x.com', name: 'Doe, Jane' })).toMatchObject({
      first_name: 'Jane',
      last_name: 'Doe',
    });
  });

  it('has a first name only for one-word names, and no name fields without a name', () => {
    expect(personFromAddress({ address: 'cher@x.com', name: 'Cher' })).toEqual({
      email: 'cher@x.com',
      name: 'Cher',
      first_name: 'Cher',
    });
    expect(personFromAddress({ address: 'pat@x.com', name: '  ' })).toEqual({ email: 'pat@x.com' });
  });
});

describe('renderTemplate', () => {
  it('fills recipient and user', async () => {
    const recipient = personFromAddress({ address: 'pat@prospect.io', name: 'Pat Prospect' });
    await expect(renderTemplate(FOLLOW_UP, { recipient, user: sam })).resolves.toBe(
      'Hi Pat, just following up on the quote. — Sam',
    );
  });

  it("falls back to the default when the recipient has no name", async () => {
    const recipient = personFromAddress({ address: 'pat@prospect.io' });
    await expect(renderTemplate(FOLLOW_UP, { recipient, user: sam })).resolves.toBe(
      'Hi there, just following up on the quote. — Sam',
    );
  });

  it('exposes the conversation subject and renders unknown variables as empty', async () => {
    const data = { recipient: { email: 'p@x.io' }, user: sam, conversation: { subject: 'Quote #42' } };
    await expect(renderTemplate('About {{ conversation.subject }}{{ nope.x }}.', data)).resolves.toBe(
      'About Quote #42.',
    );
  });

  it('does not expose prototype members', async () => {
    const data = { recipient: { email: 'p@x.io' }, user: sam };
    await expect(renderTemplate('[{{ user.constructor }}][{{ user.toString }}]', data)).resolves.toBe('[][]');
  });
});

describe('validateTemplate', () => {
  it('returns null for a valid template', () => {
    expect(validateTemplate(FOLLOW_UP)).toBeNull();
  });

  it('returns the parse error message', () => {
    expect(validateTemplate('Hi {{ recipient.first_name')).toMatch(/not closed/);
    expect(validateTemplate('{% if x %}no end')).toMatch(/not closed/);
    expect(validateTemplate('{% bogus %}')).toMatch(/bogus/);
  });
});

describe('replySubject', () => {
  it('prefixes Re: once', () => {
    expect(replySubject('Your quote')).toBe('Re: Your quote');
    expect(replySubject('Re: Your quote')).toBe('Re: Your quote');
    expect(replySubject('RE: Your quote')).toBe('RE: Your quote');
    expect(replySubject('re:Your quote')).toBe('re:Your quote');
  });

  it('does not mistake words starting with "re" for a prefix', () => {
    expect(replySubject('Requested quote')).toBe('Re: Requested quote');
  });
});

describe('textToHtml', () => {
  it('escapes html and turns line breaks into <br>', () => {
    expect(textToHtml('Hi <Pat> & "co",\r\nit\'s here\nSam')).toBe(
      'Hi &lt;Pat&gt; &amp; &quot;co&quot;,<br>it&#39;s here<br>Sam',
    );
  });
});
