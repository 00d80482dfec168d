// The two tiny pages of the unsubscribe link. Nothing tenant-written is shown; the address is escaped.

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const layout = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escape(title)}</title>` +
  `<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}button{font-size:1rem;padding:.6rem 1.2rem;cursor:pointer}</style></head>` +
  `<body><h1>${escape(title)}</h1>${body}</body></html>`;

export const confirmPage = (address: string, action: string) =>
  layout(
    'Unsubscribe',
    `<p>Stop receiving these emails at <strong>${escape(address)}</strong>?</p><form method="post" action="${escape(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
  );

export const donePage = (address: string) => layout('Unsubscribed', `<p><strong>${escape(address)}</strong> will not receive these emails any more.</p>`);

export const invalidPage = () => layout('Link not valid', '<p>This unsubscribe link is not valid. Reply to the email and ask to be removed.</p>');
