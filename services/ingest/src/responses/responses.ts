// Canned responses: Liquid checked before anything is written.
import { Types } from 'mongoose';
import type { CreateCannedResponse, UpdateCannedResponse } from '@follow-ups/contract';
import { Response } from '@follow-ups/db';
import { notFound } from '../http/appError';
import { assertTemplatesParse } from './assertTemplatesParse';
import { withRollback } from '../http/rollback';

/** The Liquid fields of canned responses, with the request paths they came from. */
export function responseTemplates(responses: { subject?: string | null; body?: string }[], path: (i: number) => string) {
  return responses.flatMap((r, i) => [
    { path: `${path(i)}.subject`, template: r.subject },
    { path: `${path(i)}.body`, template: r.body },
  ]);
}

/** Creates every canned response or none; returns them in request order. */
export async function createResponses(organization: string, responses: CreateCannedResponse[]) {
  await assertTemplatesParse(responseTemplates(responses, (i) => `body.responses.${i}`));
  const docs = responses.map((r) => ({
    _id: new Types.ObjectId(),
    organization: new Types.ObjectId(organization),
    title: r.title,
    body: r.body,
    ...(r.subject !== undefined ? { subject: r.subject } : {}),
  }));
  return withRollback(async (rollback) => {
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
  await response.save();
  return response;
}
