import { initServer } from '@ts-rest/express';
import { WorkflowNotFoundError } from '@temporalio/client';
import { contract } from '@follow-ups/contract';
import { Conversation, findDraftsEverywhere, InboundAttachmentList, Message, SharedLabel } from '@follow-ups/db';
import { sequenceWorkflowId } from '@follow-ups/domain';
import type { AppDeps } from '../deps';
import { organizationOf } from '../http/auth';
import { notFound } from '../http/appError';
import { presentConversation } from './presentConversation';
import { presentDraft } from '../drafts/presentDraft';
import { presentMessage } from './presentMessage';
import { sequenceStatusOf } from '../sequences/describeSequence';
import { listConversations } from './listConversations';
import { eraseConversation } from '../erasure/erase';

const s = initServer();

async function findConversation(organization: string, id: string) {
  const conversation = await Conversation.findOne({ _id: id, organization }).lean();
  if (!conversation) throw notFound(`conversation ${id}`);
  return conversation;
}

export function conversationsRoutes(deps: AppDeps) {
  return s.router(contract.conversations, {
    erase: async ({ req, params }) => ({
      status: 200,
      body: { erased: await eraseConversation(deps, organizationOf(req), params.id) },
    }),
    list: async ({ req, query }) => ({
      status: 200,
      body: { conversations: await listConversations(organizationOf(req), query) },
    }),
    get: async ({ req, params }) => {
      const organization = organizationOf(req);
      const conversation = await findConversation(organization, params.id);
      const labels = await SharedLabel.find({ organization, _id: { $in: conversation.labels } }, { name: 1 }).lean();
      const workflowId = sequenceWorkflowId(organization, params.id);
      let sequence: { id: string; status?: string } | null = null;
      try {
        sequence = { id: workflowId, status: await sequenceStatusOf(deps.temporal.workflow.getHandle(workflowId)) };
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
      return { status: 200, body: { conversations: [presentConversation(conversation, labels, sequence)] } };
    },
    listMessages: async ({ req, params }) => {
      const organization = organizationOf(req);
      await findConversation(organization, params.id);
      const messages = await Message.find({ organization, conversation: params.id }).sort({ at: 1, _id: 1 }).lean();
      // Files are stored under the message (sent now, received) or under the draft it was sent from (scheduled).
      const owners = messages.flatMap((m) => [m._id, ...(m.draft ? [m.draft] : [])]);
      const lists = await InboundAttachmentList.find({ organization, _id: { $in: owners } }, { files: 1 }).lean();
      const filesOf = (m: (typeof messages)[number]) =>
        lists.find((l) => String(l._id) === String(m._id) || (m.draft && String(l._id) === String(m.draft)))?.files;
      return { status: 200, body: { messages: messages.map((m) => presentMessage(m, filesOf(m))) } };
    },
    listDrafts: async ({ req, params }) => {
      const organization = organizationOf(req);
      await findConversation(organization, params.id);
      const drafts = await findDraftsEverywhere(
        { organization, conversation: params.id },
        (a, b) => a.sendAt.getTime() - b.sendAt.getTime() || (a.step ?? 0) - (b.step ?? 0),
      );
      return { status: 200, body: { drafts: drafts.map(presentDraft) } };
    },
  });
}
