import type { SendGridError } from './types';

const HELP = 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html';
/** Headers SendGrid refuses in `headers` (they have their own fields). */
const RESERVED_HEADERS = new Set([
  'x-sg-id',
  'x-sg-eid',
  'received',
  'dkim-signature',
  'content-type',
  'content-transfer-encoding',
  'to',
  'from',
  'subject',
  'reply-to',
  'cc',
  'bcc',
]);
const EMAIL = /^[^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+$|^[^\s@<>",]+@localhost$/i;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const error = (message: string, field: string | null, anchor = ''): SendGridError => ({
  message,
  field,
  help: anchor ? `${HELP}#${anchor}` : null,
});

/** The checks SendGrid makes that a sender can get wrong; [] when the body would be accepted. */
export function validateMailBody(body: unknown): SendGridError[] {
  if (!isObject(body)) return [error('Bad Request', null)];
  return [
    ...validateFrom(body.from),
    ...validateAddress(body.reply_to, 'reply_to', 'The reply_to email does not contain a valid address.'),
    ...validatePersonalizations(body.personalizations),
    ...validateSubject(body),
    ...validateContent(body.content),
    ...validateStringMap(body.headers, 'headers', true),
    ...validateStringMap(body.custom_args, 'custom_args', false),
    ...validateAttachments(body.attachments),
  ];
}

/** SendGrid: each attachment needs base64 `content` and a `filename`; 30 MB per mail in all. */
function validateAttachments(value: unknown): SendGridError[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [error('Invalid type. Expected: array.', 'attachments')];
  let total = 0;
  const errors = value.flatMap((a: unknown, i): SendGridError[] => {
    const field = `attachments.${i}`;
    if (!isObject(a) || !isNonEmptyString(a.content) || !/^[A-Za-z0-9+/]+={0,2}$/.test(a.content)) {
      return [
        error('The attachment content must be base64 encoded.', `${field}.content`, 'message.attachments.content'),
      ];
    }
    total += a.content.length;
    return isNonEmptyString(a.filename)
      ? []
      : [error('The attachment filename parameter is required.', `${field}.filename`, 'message.attachments.filename')];
  });
  if (total > 30 * 1024 * 1024)
    errors.push(error('The attachments of a mail may total at most 30 MB.', 'attachments', 'message.attachments'));
  return errors;
}

function validateFrom(from: unknown): SendGridError[] {
  if (!isObject(from)) {
    return [
      error(
        'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.',
        'from',
        'message.from',
      ),
    ];
  }
  return validateAddress(from, 'from', 'The from email does not contain a valid address.');
}

function validateAddress(
  value: unknown,
  field: string,
  message = 'Does not contain a valid address.',
): SendGridError[] {
  if (value === undefined) return [];
  if (!isObject(value) || typeof value.email !== 'string' || !EMAIL.test(value.email))
    return [error(message, `${field}.email`)];
  if (value.name !== undefined && typeof value.name !== 'string')
    return [error('Invalid type. Expected: string.', `${field}.name`)];
  return [];
}

function validatePersonalizations(value: unknown): SendGridError[] {
  if (!Array.isArray(value) || value.length === 0) {
    return [
      error(
        'The personalizations field is required and must have at least one personalization.',
        'personalizations',
        'message.personalizations',
      ),
    ];
  }
  return value.flatMap((p: unknown, i): SendGridError[] => {
    const field = `personalizations.${i}`;
    if (!isObject(p)) return [error('Invalid type. Expected: object.', field)];
    if (!Array.isArray(p.to) || p.to.length === 0) {
      return [
        error(
          'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
          `${field}.to`,
          'message.personalizations.to',
        ),
      ];
    }
    const errors: SendGridError[] = [];
    const seen = new Set<string>();
    for (const kind of ['to', 'cc', 'bcc'] as const) {
      const list: unknown = p[kind];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        errors.push(error('Invalid type. Expected: array.', `${field}.${kind}`));
        continue;
      }
      list.forEach((address: unknown, j) => {
        const problems = validateAddress(address, `${field}.${kind}.${j}`);
        errors.push(...problems);
        const email = isObject(address) && typeof address.email === 'string' ? address.email.toLowerCase() : '';
        if (problems.length === 0 && seen.has(email)) {
          errors.push(
            error(
              `Each email address in the personalization block should be unique between to, cc, and bcc. We found the first duplicate instance of [${email}] in the ${field}.${kind} field.`,
              field,
              'message.recipient_errors',
            ),
          );
        }
        seen.add(email);
      });
    }
    if (p.subject !== undefined && typeof p.subject !== 'string')
      errors.push(error('Invalid type. Expected: string.', `${field}.subject`));
    errors.push(
      ...validateStringMap(p.headers, `${field}.headers`, true),
      ...validateStringMap(p.custom_args, `${field}.custom_args`, false),
    );
    return errors;
  });
}

function validateSubject(body: Record<string, unknown>): SendGridError[] {
  if (isNonEmptyString(body.subject)) return [];
  const personalizations = Array.isArray(body.personalizations) ? body.personalizations : [];
  const everyHasSubject =
    personalizations.length > 0 && personalizations.every((p: unknown) => isObject(p) && isNonEmptyString(p.subject));
  if (everyHasSubject || isNonEmptyString(body.template_id)) return [];
  return [
    error(
      'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
      'subject',
      'message.subject',
    ),
  ];
}

function validateContent(value: unknown): SendGridError[] {
  if (!Array.isArray(value) || value.length === 0) {
    return [
      error(
        'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.',
        'content',
        'message.content',
      ),
    ];
  }
  const errors = value.flatMap((c: unknown, i): SendGridError[] => {
    if (!isObject(c) || !isNonEmptyString(c.type))
      return [
        error(
          'The content type must be a string at least one character in length.',
          `content.${i}.type`,
          'message.content.type',
        ),
      ];
    if (!isNonEmptyString(c.value))
      return [
        error(
          'The content value must be a string at least one character in length.',
          `content.${i}.value`,
          'message.content.value',
        ),
      ];
    return [];
  });
  const plainIndex = value.findIndex((c: unknown) => isObject(c) && c.type === 'text/plain');
  if (plainIndex > 0)
    errors.push(
      error(
        'If present, text/plain content must be first, followed by text/html, followed by any other content.',
        'content',
        'message.content.type',
      ),
    );
  return errors;
}

function validateStringMap(value: unknown, field: string, isHeaders: boolean): SendGridError[] {
  if (value === undefined) return [];
  if (!isObject(value)) return [error('Invalid type. Expected: object.', field)];
  return Object.entries(value).flatMap(([key, v]): SendGridError[] => {
    if (typeof v !== 'string') return [error('Invalid type. Expected: string.', `${field}.${key}`)];
    if (isHeaders && RESERVED_HEADERS.has(key.toLowerCase())) {
      return [
        error(
          `The header ${key} is reserved and cannot be set in headers; use its own field instead.`,
          `${field}.${key}`,
          'message.headers',
        ),
      ];
    }
    return [];
  });
}
