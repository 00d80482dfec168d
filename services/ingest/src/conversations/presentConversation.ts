import type { Conversation as ApiConversation } from '@follow-ups/contract';
import type { ConversationDoc } from '@follow-ups/db';
import { unix, unixRequired } from '../http/unixTime';

export function presentConversation(
  c: ConversationDoc & { createdAt?: Date },
  labels: { _id: unknown; name: string }[],
  sequence: { id: string; status?: string } | null,
): ApiConversation {
  return {
    id: String(c._id),
    subject: c.subject ?? '',
    team: c.team ? String(c.team) : null,
    shared_labels: labels.map((l) => ({ id: String(l._id), name: l.name })),
    participants: c.participants.map((p) => (p.name ? { address: p.address, name: p.name } : { address: p.address })),
    created_at: unixRequired(c.createdAt ?? c.lastActivityAt),
    last_activity_at: unixRequired(c.lastActivityAt),
    replied_at: unix(c.repliedAt),
    closed_at: unix(c.closedAt),
    sequence,
  };
}
