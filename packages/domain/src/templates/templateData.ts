// What a canned response sees: the recipient, the sender (user) and the conversation.

export type Person = { email: string; name?: string; first_name?: string; last_name?: string };
/** The sender; `signature` is HTML the organization wrote, output as is in HTML bodies. */
export type Sender = Person & { signature?: string };
export type TemplateData = {
  recipient: Person;
  user: Sender;
  conversation?: { subject: string };
  /** The recipient's one-click unsubscribe link, for an opt-out line (`{{ unsubscribe_url }}`). */
  unsubscribe_url?: string;
};
