// The bounds of every input: one place, so the schemas, the server and the README agree.

/** Characters in a subject (the header line limit of RFC 5322 is 998 with the field name). */
export const SUBJECT_MAX = 500;
/** Characters in a display name. */
export const DISPLAY_NAME_MAX = 200;
/** RFC 5321: local part ≤ 64 octets, each domain label ≤ 63 (RFC 1035), the whole address ≤ 254. */
export const EMAIL_LIMITS = { address: 254, localPart: 64, domainLabel: 63 } as const;
/** Recipients of one message, to + cc + bcc together: SendGrid's limit per message. */
export const RECIPIENTS_MAX = 1000;
/** Characters in a draft body (HTML or text). */
export const BODY_MAX = 1_000_000;
/** Characters in a condition value, a trigger phrase or a follow-up phrase. */
export const PHRASE_MAX = 500;
/** Items in a list: senders, values of a condition, labels of an action or a draft, references. */
export const LIST_MAX = 100;
/** Conditions of a rule. */
export const CONDITIONS_MAX = 50;
/** Actions of a rule. */
export const ACTIONS_MAX = 20;
/** Canned responses or shared labels created in one call. */
export const BATCH_MAX = 50;
/** Longest rule delay, in days (mirrors `MAX_DELAY_DAYS` in @follow-ups/domain). */
export const MAX_DELAY_DAYS = 365;
/** How far ahead `send_at` may be, in days. */
export const SEND_AT_MAX_DAYS_AHEAD = 365;
/** Characters in one Message-ID of `references`. */
export const MESSAGE_ID_MAX = 998;
/** Characters in a `page_token`. */
export const PAGE_TOKEN_MAX = 4096;
/** Files attached to one draft or canned response (Missive's limit). */
export const ATTACHMENTS_MAX = 25;
/** Bytes of the files of one draft or canned response together, decoded (Missive's 10 MB). */
export const ATTACHMENTS_BYTES_MAX = 10 * 1024 * 1024;
/** Characters in an attachment's file name. */
export const FILENAME_MAX = 255;
