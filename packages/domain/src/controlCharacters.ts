// Subjects and display names are written by tenants, by templates and by inbound senders: their
// control characters (C0 but tab, DEL, C1) are removed before a mail is composed, so no header can
// carry a hidden line break, terminal escape or NUL. A line break becomes a space (words stay apart).

const LINE_BREAKS = /[\r\n]+/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** `text` without control characters other than tab; CR and LF runs become one space. */
export function stripControlCharacters(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(CONTROLS, '');
}
