/** Escapes text for HTML content and attribute values: everything a tenant wrote goes through it. */
export const esc = (value: unknown): string =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** No script at all, styles inline, never framed. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:0 0 12px}
.muted{color:#667085}.card{background:#fff;border:1px solid #e3e6ea;border-radius:10px;padding:20px;margin:18px 0}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:20px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:6px 10px;border-bottom:1px solid #eef0f3;text-align:right}th:first-child,td:first-child{text-align:left}
th{font-weight:600;color:#475467;font-size:13px}
ul.replies{padding-left:18px;margin:8px 0 0}a{color:#2952cc}
form{background:#fff;border:1px solid #e3e6ea;border-radius:10px;padding:24px;max-width:420px;margin:80px auto}
input[type=password]{width:100%;padding:8px;font:inherit;margin:8px 0 14px;box-sizing:border-box}
button{font:inherit;padding:8px 16px;border-radius:6px;border:0;background:#2952cc;color:#fff}
.error{color:#b42318}`;

/** A whole page around `body` (already escaped where it holds tenant text). */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function loginPage(error?: string): string {
  return page(
    'Follow-ups reports: sign in',
    `<form method="post" action="/reports/login"><h1>Follow-ups reports</h1>
<p class="muted">Sign in with an API token of your organization.</p>
${error ? `<p class="error">${esc(error)}</p>` : ''}
<label for="token">API token</label><input id="token" name="token" type="password" autocomplete="off" required>
<button type="submit">Sign in</button></form>`,
  );
}
