// Mail domains the operator assigned to an organization: its tokens may send from any address there.
import { isDuplicateKeyError, SenderDomain, senderDomainKey } from '@follow-ups/db';
import { DirectoryError, notFound } from './directoryError';

const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The domain in its stored form (lower case, no trailing dot), or a DirectoryError naming it. */
export function normaliseDomain(raw: string): string {
  const domain = raw.trim().toLowerCase().replace(/\.$/, '');
  if (!DOMAIN.test(domain))
    throw new DirectoryError('validation_error', `"${raw}" is not a mail domain (e.g. acme.com)`);
  return domain;
}

/**
 * Assigns `domain` to the organization. A domain another organization holds is a conflict, unless
 * `shared` (the operator runs several organizations for one company on purpose).
 */
export async function addSenderDomain(organization: string, raw: string, options: { shared?: boolean } = {}) {
  const domain = normaliseDomain(raw);
  const holders = (await SenderDomain.find({ domain }, { organization: 1 }).lean()).map((d) => String(d.organization));
  if (holders.includes(organization)) return { domain, created: false };
  if (holders.length && !options.shared)
    throw new DirectoryError(
      'conflict',
      `${domain} is assigned to another organization (${holders.join(', ')}); --shared assigns it anyway`,
    );
  try {
    await SenderDomain.create({ _id: senderDomainKey(organization, domain), organization, domain });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    return { domain, created: false };
  }
  return { domain, created: true };
}

export async function removeSenderDomain(organization: string, raw: string): Promise<string> {
  const domain = normaliseDomain(raw);
  const { deletedCount } = await SenderDomain.deleteOne({ _id: senderDomainKey(organization, domain), organization });
  if (!deletedCount) throw notFound(`domain ${domain} of organization ${organization}`);
  return domain;
}

export async function listSenderDomains(organization: string): Promise<string[]> {
  return (await SenderDomain.find({ organization }, { domain: 1 }).sort({ domain: 1 }).lean()).map((d) => d.domain);
}
