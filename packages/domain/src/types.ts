// Shared domain types. Other packages (contract, db, ingest, workflows) import these names.

export type Address = { address: string; name?: string };

/** Where a message came from: sent through the API, sent by the engine, or received. */
export type MessageOrigin = 'api' | 'automation' | 'inbound';

export type OutgoingMessage = {
  from: Address;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string;
  text?: string;
  html?: string;
  origin: MessageOrigin;
  teamId?: string;
};

/** `body_without_quote`: the body text without the quoted previous messages (Missive's "Body without quote"). */
export type ConditionField = 'from' | 'team' | 'content' | 'subject' | 'body' | 'body_without_quote';
export type ConditionOperator = 'is' | 'is_not' | 'contains' | 'not_contains';
export type RuleCondition = { field: ConditionField; operator: ConditionOperator; values: string[] };
export type ConditionGroup = { match: 'all' | 'any'; items: RuleCondition[] };

export type DurationUnit = 'minutes' | 'hours' | 'days';
export type Duration = { amount: number; unit: DurationUnit };

export type RuleAction =
  | { type: 'schedule_followup'; response: string; send_after: Duration }
  | { type: 'add_labels'; labels: string[] };

export type RuleLike = {
  id: string;
  description: string;
  enabled: boolean;
  type: 'outgoing';
  conditions: ConditionGroup;
  actions: RuleAction[];
};
