// Shared domain types. Other packages (contract, db, ingest, workflows) import these names.
import type {
  ConditionField,
  ConditionMatch,
  ConditionOperator,
  DurationUnit,
  MessageOrigin,
} from '@follow-ups/vocabulary';

export type Address = { address: string; name?: string };

export type { ConditionField, ConditionOperator, DurationUnit, MessageOrigin };

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
  /** The sender's other addresses (the user's email and aliases): "From is" matches any of them. */
  fromAliases?: string[];
};

export type RuleCondition = { field: ConditionField; operator: ConditionOperator; values: string[] };
export type ConditionGroup = { match: ConditionMatch; items: RuleCondition[] };

export type Duration = { amount: number; unit: DurationUnit };

export type RuleAction =
  { type: 'schedule_followup'; response: string; send_after: Duration } | { type: 'add_labels'; labels: string[] };

export type RuleLike = {
  id: string;
  description: string;
  enabled: boolean;
  type: 'outgoing';
  conditions: ConditionGroup;
  actions: RuleAction[];
};
