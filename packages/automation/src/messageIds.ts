import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';

/** A fresh RFC 5322 Message-ID on our domain, e.g. `<fu.65f0….a1b2@reply.example.com>`. */
export function newMessageId(domain: string, prefix = 'm'): string {
  return `<${prefix}.${new Types.ObjectId().toHexString()}.${randomBytes(4).toString('hex')}@${domain}>`;
}
