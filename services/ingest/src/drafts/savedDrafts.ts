// Saved drafts (Missive's default for a draft without `send`/`send_at`): kept as asked, sent on request.
import { Types } from 'mongoose';
import type { CreateDraft, Draft as ApiDraft } from '@follow-ups/contract';
import { SavedDraft, type SavedDraftDoc } from '@follow-ups/db';
import type { OrganizationRecord } from '@follow-ups/directory';
import { deleteMailAttachments, loadMailAttachments, storeMailAttachments } from '@follow-ups/automation';
import type { AppDeps } from '../deps';
import { notFound } from '../http/appError';
import { once } from '../http/idempotency';
import { decodeAttachments, describeAttachments } from './decodeAttachments';
import { prepareDraft } from './prepareDraft';
import { sendNow } from './sendNow';

type StoredSavedDraft = Pick<SavedDraftDoc, '_id' | 'conversation' | 'attachments'>;

export function presentSavedDraft(saved: StoredSavedDraft, status: 'draft' | 'discarded' = 'draft'): ApiDraft {
  return {
    id: String(saved._id),
    conversation: saved.conversation ? String(saved.conversation) : null,
    status,
    kind: 'saved',
    send_at: null,
    sent_at: null,
    message: null,
    ...(status === 'discarded' ? { reason: 'deleted through the API' } : {}),
    attachments: describeAttachments(saved.attachments),
  };
}

/** Checks the draft as a send would (404s, suppressed recipients, visible body), then keeps it. Runs no rule, sends nothing. */
export async function saveDraft(deps: AppDeps, organization: string, draft: CreateDraft): Promise<ApiDraft> {
  const prepared = await prepareDraft(organization, draft, deps);
  const files = decodeAttachments(draft.attachments);
  const _id = new Types.ObjectId();
  await storeMailAttachments(organization, _id, files);
  const { attachments: _files, ...request } = draft;
  const saved = await SavedDraft.create({
    _id,
    organization,
    request,
    ...(prepared.isNewConversation ? {} : { conversation: prepared.conversation._id }),
    attachments: files.map((f) => ({ filename: f.filename, contentType: f.contentType, size: f.content.length })),
  });
  return presentSavedDraft(saved.toObject());
}

export async function listSavedDrafts(organization: string): Promise<ApiDraft[]> {
  const saved = await SavedDraft.find({ organization }, { request: 0 }).sort({ createdAt: -1, _id: -1 }).lean();
  return saved.map((d) => presentSavedDraft(d));
}

/**
 * POST /v1/drafts/:id/send: sends it as `send: true` would, then deletes it. One key per saved
 * draft makes racing calls send it once (the later ones get the first answer, or a 409 while it runs).
 */
export function sendSavedDraft(deps: AppDeps, org: OrganizationRecord, id: string): Promise<ApiDraft> {
  const organization = String(org._id);
  return once(organization, `send saved draft ${id}`, {}, async () => {
    const saved = await SavedDraft.findOne({ _id: id, organization }).lean();
    if (!saved) throw notFound(`saved draft ${id}`);
    const request = {
      ...(saved.request as CreateDraft),
      ...(saved.conversation ? { conversation: String(saved.conversation) } : {}),
      send: true,
    };
    const sent = await sendNow(deps, org, request, await loadMailAttachments(organization, saved._id));
    await SavedDraft.deleteOne({ _id: saved._id, organization });
    await deleteMailAttachments(organization, saved._id);
    return sent;
  });
}

/** DELETE of a saved draft: gone with its files. Null when `id` is no saved draft of the organization. */
export async function deleteSavedDraft(organization: string, id: string): Promise<ApiDraft | null> {
  const saved = await SavedDraft.findOne({ _id: id, organization }, { request: 0 }).lean();
  if (!saved) return null;
  await SavedDraft.deleteOne({ _id: saved._id, organization });
  await deleteMailAttachments(organization, saved._id);
  return presentSavedDraft(saved, 'discarded');
}
