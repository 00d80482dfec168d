import { ApiToken } from './apiToken';
import { Conversation } from './conversation';
import { DeliveryEvent } from './deliveryEvent';
import { Draft } from './draft';
import { LiveDraft } from './liveDraft';
import { DraftHistory } from './draftHistory';
import { DraftTransition } from './draftTransition';
import { HookDelivery } from './hookDelivery';
import { HookEvent } from './hookEvent';
import { Hook } from './hook';
import { IdempotencyKey } from './idempotencyKey';
import { InboundAttachmentChunk } from './inboundAttachmentChunk';
import { InboundAttachmentList } from './inboundAttachmentList';
import { InboundMail } from './inboundMail';
import { Message } from './message';
import { Organization } from './organization';
import { ReplyOutbox } from './replyOutbox';
import { Response } from './response';
import { Rule } from './rule';
import { SavedDraft } from './savedDraft';
import { SharedLabel } from './sharedLabel';
import { Suppression } from './suppression';
import { Team } from './team';
import { User } from './user';
import { Contact } from './contact';
import { SendSlot } from './sendSlot';
import { SenderDomain } from './senderDomain';
import { AnalyticsCounter, AnalyticsMark, AnalyticsRecent, AnalyticsSequence } from '../analytics/models';

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
  SenderDomain,
  AnalyticsCounter,
  AnalyticsMark,
  AnalyticsSequence,
  AnalyticsRecent,
] as const;
