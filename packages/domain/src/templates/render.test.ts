import {
  closeTemplateRenderer,
  personFromAddress,
  renderBody,
  renderTemplate,
  replySubject,
  validateTemplate,
} from './render';
import { textToHtml } from '../text/htmlToText';

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

  it('falls back to the default when the recipient has no name', async () => {
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

describe('renderBody', () => {
  it('renders a template it has parsed before with each render its own data, on each engine its own escaping', async () => {
    const template = '<p>For {{ recipient.name }}</p>';
    const render = (name: string) => renderBody(template, { recipient: { email: 'p@x.io', name }, user: sam });
    const outputs = [];
    for (const name of ['Pat', 'Kim <b>', 'Pat']) outputs.push((await render(name)).html);
    expect(outputs).toEqual(['<p>For Pat</p>', '<p>For Kim &lt;b&gt;</p>', '<p>For Pat</p>']);
    await expect(
      renderTemplate(template, { recipient: { email: 'p@x.io', name: 'Kim <b>' }, user: sam }),
    ).resolves.toBe('<p>For Kim <b></p>');
  });

  const pat = { email: 'pat@prospect.io', name: 'Pat <b>Bold</b> & Co', first_name: '<script>alert(1)</script>' };

  it('escapes every value in a body written as HTML; the text part shows them as written', async () => {
    const body = await renderBody('<p>Hi {{ recipient.first_name }}, about {{ conversation.subject }}</p>', {
      recipient: pat,
      user: sam,
      conversation: { subject: '"Q" <42>' },
    });
    expect(body.html).toBe('<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;, about &quot;Q&quot; &lt;42&gt;</p>');
    expect(body.text).toBe('Hi <script>alert(1)</script>, about "Q" <42>');
  });

  it('escapes the HTML part of a body written as text, even when a value looks like HTML', async () => {
    const body = await renderBody('Hi {{ recipient.name }},\nthanks', { recipient: pat, user: sam });
    expect(body.text).toBe('Hi Pat <b>Bold</b> & Co,\nthanks');
    expect(body.html).toBe('Hi Pat &lt;b&gt;Bold&lt;/b&gt; &amp; Co,<br>thanks');
  });

  it('lets only the sender signature through as HTML: `raw` does not unescape, `escape` does not escape twice', async () => {
    const user = { ...sam, signature: '<p>Sam <i>Seller</i></p>' };
    const body = await renderBody(
      '<p>{{ recipient.name | raw }}|{{ recipient.name | escape }}</p>{{ user.signature }}',
      { recipient: pat, user },
    );
    expect(body.html).toBe(
      '<p>Pat &lt;b&gt;Bold&lt;/b&gt; &amp; Co|Pat &lt;b&gt;Bold&lt;/b&gt; &amp; Co</p><p>Sam <i>Seller</i></p>',
    );
    const text = await renderBody('Thanks\n{{ user.signature }}', { recipient: pat, user });
    expect(text.text).toBe('Thanks\nSam Seller');
  });

  it('renders a missing variable as its default or as nothing, never as the tag', async () => {
    const recipient = { email: 'p@x.io', first_name: '' };
    const body = await renderBody(
      "<p>Hi {{ recipient.first_name | default: 'there' }}{{ recipient.nickname }}{{ nope.deep.path }}, {{ user.title | default: '<friend>' }}</p>",
      { recipient, user: sam },
    );
    expect(body.html).toBe('<p>Hi there, &lt;friend&gt;</p>');
    expect(body.text).not.toMatch(/[{}%]/);
  });
});

describe('validateTemplate', () => {
  it('returns null for a valid template', async () => {
    expect(await validateTemplate(FOLLOW_UP)).toBeNull();
  });

  it('returns the parse error message', async () => {
    expect(await validateTemplate('Hi {{ recipient.first_name')).toMatch(/not closed/);
    expect(await validateTemplate('{% if x %}no end')).toMatch(/not closed/);
    expect(await validateTemplate('{% bogus %}')).toMatch(/bogus/);
    expect(await validateTemplate('{{ x | no_such_filter }}')).toMatch(/undefined filter: no_such_filter/);
  });

  it('refuses tags that read other templates, templates over 100,000 characters, and nesting that overflows the parser', async () => {
    for (const tag of ['include', 'render', 'layout']) {
      expect(await validateTemplate(`Hi {% ${tag} 'package.json' %}`)).toMatch(
        new RegExp(`"${tag}" tag is not available in canned responses`),
      );
    }
    expect(await validateTemplate('x'.repeat(100_000))).toBeNull();
    expect(await validateTemplate('x'.repeat(100_001))).toBe('longer than 100000 characters');
    expect(await validateTemplate('{%if a%}'.repeat(12_000))).toMatch(/tags or expressions are nested too deeply/);
    expect(await validateTemplate('<div>'.repeat(20_000))).toBe('its HTML elements are nested too deeply');
  });
});

afterAll(() => closeTemplateRenderer());

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
