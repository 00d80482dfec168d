// Canned responses: Liquid checked before anything is written.
import { Types } from 'mongoose';
import type { CreateCannedResponse, UpdateCannedResponse } from '@follow-ups/contract';
import { Draft, Response, Rule } from '@follow-ups/db';
import { deleteMailAttachments, storeMailAttachments } from '@follow-ups/automation';
import { conflict, notFound } from '../http/appError';
import { decodeAttachments } from '../drafts/decodeAttachments';
import { assertTemplatesParse } from './assertTemplatesParse';
import { withRollback } from '../http/rollback';

/** The Liquid fields of canned responses, with the request paths they came from. */
export function responseTemplates(
  responses: { subject?: string | null; body?: string }[],
  path: (i: number) => string,
) {
  return responses.flatMap((r, i) => [
    { path: `${path(i)}.subject`, template: r.subject },
    { path: `${path(i)}.body`, template: r.body },
  ]);
}

const filesMeta = (files: ReturnType<typeof decodeAttachments>) =>
  files.map((f) => ({ filename: f.filename, contentType: f.contentType, size: f.content.length }));

/** Creates every canned response or none (files first, under each response's id); returns them in request order. */
export async function createResponses(organization: string, responses: CreateCannedResponse[]) {
  await assertTemplatesParse(responseTemplates(responses, (i) => `body.responses.${i}`));
  const files = responses.map((r) => decodeAttachments(r.attachments));
  const docs = responses.map((r, i) => ({
    _id: new Types.ObjectId(),
    organization: new Types.ObjectId(organization),
    title: r.title,
    body: r.body,
    ...(r.subject !== undefined ? { subject: r.subject } : {}),
    attachments: filesMeta(files[i] ?? []),
  }));
  return withRollback(async (rollback) => {
    for (const [i, doc] of docs.entries()) {
      const own = files[i] ?? [];
      if (!own.length) continue;
      rollback.add(`files of canned response ${i}`, () => deleteMailAttachments(organization, doc._id));
      await storeMailAttachments(organization, doc._id, own);
    }
    rollback.add('canned responses', () => Response.deleteMany({ organization, _id: { $in: docs.map((d) => d._id) } }));
    return Response.insertMany(docs);
  });
}

/** Changes the given fields of one canned response; `subject: null` clears it. 404 if not the organization's. */
export async function updateResponse(organization: string, id: string, fields: UpdateCannedResponse) {
  await assertTemplatesParse(responseTemplates([fields], () => 'body.responses'));
  const response = await Response.findOne({ _id: id, organization });
  if (!response) throw notFound(`canned response ${id}`);
  if (fields.title !== undefined) response.title = fields.title;
  if (fields.body !== undefined) response.body = fields.body;
  if (fields.subject !== undefined) response.subject = fields.subject ?? undefined;
  if (fields.attachments !== undefined) {
    const files = decodeAttachments(fields.attachments);
    await deleteMailAttachments(organization, response._id);
    await storeMailAttachments(organization, response._id, files);
    response.set('attachments', filesMeta(files));
  }
  await response.save();
  return response;
}

/** Deletes a canned response and its files; 409 while a rule or a scheduled follow-up uses it. */
export async function deleteResponse(organization: string, id: string) {
  const response = await Response.findOne({ _id: id, organization }).lean();
  if (!response) throw notFound(`canned response ${id}`);
  const rules = await Rule.find({ organization, 'actions.response': response._id }, { description: 1 }).lean();
  if (rules.length)
    throw conflict(
      `canned response ${id} is used by rule ${rules.map((r) => `"${r.description}" (${String(r._id)})`).join(', ')}: change or delete the rule first`,
    );
  if (await Draft.exists({ organization, response: response._id, status: 'scheduled' }))
    throw conflict(`canned response ${id} is sent by follow-ups still scheduled: stop their sequences first`);
  await Response.deleteOne({ _id: response._id, organization });
  await deleteMailAttachments(organization, response._id);
  return response;
}
