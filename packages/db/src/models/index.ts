import { ApiToken } from './api-token';
import { Conversation } from './conversation';
import { Draft } from './draft';
import { DraftTransition } from './draft-transition';
import { IdempotencyKey } from './idempotency-key';
import { InboundMail } from './inbound-mail';
import { Message } from './message';
import { Organization } from './organization';
import { ReplyOutbox } from './reply-outbox';
import { Response } from './response';
import { Rule } from './rule';
import { SharedLabel } from './shared-label';
import { Team } from './team';
import { User } from './user';

/** Every model of the package, for index management and test clean-up. */
export const allModels = [
  Organization,
  ApiToken,
  Team,
  User,
  SharedLabel,
  Response,
  Rule,
  Conversation,
  Message,
  Draft,
  DraftTransition,
  InboundMail,
  IdempotencyKey,
  ReplyOutbox,
] as const;
