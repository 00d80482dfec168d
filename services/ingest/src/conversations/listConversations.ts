// GET /v1/conversations: Missive's filters that apply here, newest activity first, `until` paging.
import type { ListConversationsQuery } from '@follow-ups/contract';
import { Conversation, SharedLabel, Team } from '@follow-ups/db';
import { notFound } from '../http/appError';
import { presentConversation } from './presentConversation';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function listConversations(organization: string, q: ListConversationsQuery) {
  if (q.shared_label && !(await SharedLabel.exists({ _id: q.shared_label, organization })))
    throw notFound(`shared label ${q.shared_label}`);
  if (q.team_all && !(await Team.exists({ _id: q.team_all, organization }))) throw notFound(`team ${q.team_all}`);
  const filter: Record<string, unknown> = { organization };
  if (q.shared_label) filter.labels = q.shared_label;
  if (q.team_all) filter.team = q.team_all;
  if (q.email) filter['participants.address'] = { $regex: `^${escapeRegex(q.email)}$`, $options: 'i' };
  if (q.closed) filter.closedAt = { $exists: q.closed === 'true' };
  // `until` is a unix second and includes it (Missive's paging): the boundary conversation may come again.
  if (q.until !== undefined) filter.lastActivityAt = { $lt: new Date((q.until + 1) * 1000) };
  const conversations = await Conversation.find(filter).sort({ lastActivityAt: -1, _id: -1 }).limit(q.limit).lean();
  const labelIds = [...new Set(conversations.flatMap((c) => c.labels.map(String)))];
  const labels = labelIds.length
    ? await SharedLabel.find({ organization, _id: { $in: labelIds } }, { name: 1 }).lean()
    : [];
  return conversations.map((c) =>
    presentConversation(
      c,
      labels.filter((l) => c.labels.some((id) => String(id) === String(l._id))),
      null,
    ),
  );
}
