import { ApiToken } from './api-token';
import { Conversation } from './conversation';
import { DeliveryEvent } from './delivery-event';
import { Draft } from './draft';
import { LiveDraft } from './live-draft';
import { DraftHistory } from './draft-history';
import { DraftTransition } from './draft-transition';
import { HookDelivery } from './hook-delivery';
import { HookEvent } from './hook-event';
import { Hook } from './hook';
import { IdempotencyKey } from './idempotency-key';
import { InboundAttachmentChunk } from './inbound-attachment-chunk';
import { InboundAttachmentList } from './inbound-attachment-list';
import { InboundMail } from './inbound-mail';
import { Message } from './message';
import { Organization } from './organization';
import { ReplyOutbox } from './reply-outbox';
import { Response } from './response';
import { Rule } from './rule';
import { SavedDraft } from './saved-draft';
import { SharedLabel } from './shared-label';
import { Suppression } from './suppression';
import { Team } from './team';
import { User } from './user';
import { Contact } from './contact';
import { SendSlot } from './send-slot';

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
  LiveDraft,
  DraftHistory,
  SavedDraft,
  DraftTransition,
  InboundMail,
  InboundAttachmentList,
  InboundAttachmentChunk,
  IdempotencyKey,
  ReplyOutbox,
  Hook,
  HookEvent,
  HookDelivery,
  Suppression,
  DeliveryEvent,
  Contact,
  SendSlot,
] as const;
