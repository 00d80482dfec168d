import type { Draft as ApiDraft } from '@follow-ups/contract';
import type { DraftDoc } from '@follow-ups/db';
import { unix } from '../http/unixTime';

export function presentDraft(d: DraftDoc): ApiDraft {
  return {
    id: String(d._id),
    conversation: String(d.conversation),
    status: d.status,
    kind: d.kind,
    send_at: unix(d.sendAt),
    sent_at: unix(d.sentAt),
    message: d.sentMessage ? String(d.sentMessage) : null,
    step: d.step ?? null,
    rule: d.rule ? String(d.rule) : null,
    response: d.response ? String(d.response) : null,
    reason: d.reason ?? null,
    auto_followup: d.autoFollowup ?? false,
  };
}
