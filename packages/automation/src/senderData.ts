import { personFromAddress, toAddress, type Sender } from '@follow-ups/domain';

type SenderRecord = {
  email: string;
  name?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  signature?: string | null;
};

/**
 * `user` of a canned response: the sender's User record (name, first name, signature), each
 * missing name part taken from the record's name, then from the `from_field` of the initial mail.
 */
export function senderData(record: SenderRecord | null, from: { address: string; name?: string | null }): Sender {
  const fromField = personFromAddress(toAddress(from));
  const recorded = record?.name ? personFromAddress({ address: record.email, name: record.name }) : {};
  const pick = (key: 'name' | 'first_name' | 'last_name') =>
    record?.[key] || (recorded as Partial<Sender>)[key] || fromField[key] || undefined;
  const [name, first_name, last_name] = [pick('name'), pick('first_name'), pick('last_name')];
  return {
    email: record?.email ?? fromField.email,
    ...(name ? { name } : {}),
    ...(first_name ? { first_name } : {}),
    ...(last_name ? { last_name } : {}),
    ...(record?.signature?.trim() ? { signature: record.signature } : {}),
  };
}
