import type { InboundPost } from './payload';

/** One DKIM signature SendGrid checked: the signing domain (`d=`) and its result. */
export type DkimResult = { domain: string; result: string };

/**
 * What SendGrid's Inbound Parse checked about the sender: the SPF result for the envelope sender's
 * domain, the DKIM result of each signature, and our verdict on the `From` domain. `authenticated`
 * means SPF passed for a domain aligned with the From domain, or a DKIM signature of an aligned
 * domain passed (DMARC's relaxed alignment, without the public-suffix list: equal, parent or child).
 * Fields SendGrid did not post count as "not checked": not authenticated.
 */
export type MailAuthentication = {
  spf: string | null;
  /** The envelope sender's domain SPF was checked for. */
  spfDomain: string | null;
  dkim: DkimResult[];
  authenticated: boolean;
  /** Why it is not authenticated, e.g. `SPF fail, no DKIM signature for example.com`; null when it is. */
  reason: string | null;
};

const MAX_FIELD_CHARS = 4096;
const MAX_SIGNATURES = 20;

const domainOf = (address: string | null | undefined) => {
  const at = address?.lastIndexOf('@') ?? -1;
  return at >= 0
    ? address!
        .slice(at + 1)
        .replace(/>.*$/, '')
        .trim()
        .toLowerCase() || null
    : null;
};

/** `a` and `b` are the same domain or one is a subdomain of the other (never a bare top-level domain). */
function aligned(a: string, b: string): boolean {
  if (!a.includes('.') || !b.includes('.')) return a === b;
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/** SendGrid's `SPF` field: `pass`, `fail`, `softfail`, `neutral`, `none`, … (its first word). */
function spfResult(field: string | undefined): string | null {
  const word = /^\s*([a-z]+)/i.exec((field ?? '').slice(0, 64))?.[1];
  return word ? word.toLowerCase() : null;
}

/** SendGrid's `dkim` field: `{@example.com : pass}`, several signatures separated by commas or lines. */
export function dkimResults(field: string | undefined): DkimResult[] {
  const results: DkimResult[] = [];
  const pattern = /@([a-z0-9._-]{1,253})\s{0,8}:\s{0,8}([a-z]{1,16})/gi;
  for (const match of (field ?? '').slice(0, MAX_FIELD_CHARS).matchAll(pattern)) {
    results.push({ domain: match[1]!.toLowerCase().replace(/\.$/, ''), result: match[2]!.toLowerCase() });
    if (results.length >= MAX_SIGNATURES) break;
  }
  return results;
}

function spfPart(spf: string | null, spfDomain: string | null, fromDomain: string): string {
  if (spf === null) return 'SPF not checked';
  if (spf === 'pass' && spfDomain && !aligned(spfDomain, fromDomain))
    return `SPF pass for ${spfDomain}, not ${fromDomain}`;
  return `SPF ${spf}`;
}

function dkimPart(dkim: DkimResult[], fromDomain: string): string {
  const own = dkim.filter((d) => aligned(d.domain, fromDomain));
  if (own.length) return `DKIM ${own.map((d) => d.result).join('/')} for ${fromDomain}`;
  return `no DKIM signature for ${fromDomain}`;
}

/** The verdict on a received mail's `From` domain, from the SPF and dkim fields of the post. */
export function authenticationOf(
  post: Pick<InboundPost, 'spf' | 'dkim' | 'envelope'>,
  from: { address: string } | null,
): MailAuthentication {
  const spf = spfResult(post.spf);
  const spfDomain = domainOf(post.envelope.from);
  const dkim = dkimResults(post.dkim);
  const fromDomain = domainOf(from?.address);
  if (!fromDomain) return { spf, spfDomain, dkim, authenticated: false, reason: 'no valid From address' };
  const spfPasses = spf === 'pass' && spfDomain !== null && aligned(spfDomain, fromDomain);
  const dkimPasses = dkim.some((d) => d.result === 'pass' && aligned(d.domain, fromDomain));
  if (spfPasses || dkimPasses) return { spf, spfDomain, dkim, authenticated: true, reason: null };
  return {
    spf,
    spfDomain,
    dkim,
    authenticated: false,
    reason: `${spfPart(spf, spfDomain, fromDomain)}, ${dkimPart(dkim, fromDomain)}`,
  };
}
