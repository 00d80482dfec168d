import { initServer } from '@ts-rest/express';
import { contract } from '@follow-ups/contract';
import { Response } from '@follow-ups/db';
import { organizationOf } from '../http/auth';
import { presentResponse } from './presentResponse';
import { sortByText } from '../rules/ordering';
import { notFound } from '../http/appError';
import { createResponses, deleteResponse, updateResponse } from './responses';

const s = initServer();

export function responsesRoutes() {
  return s.router(contract.responses, {
    list: async ({ req }) => {
      const responses = await Response.find({ organization: organizationOf(req) }).lean();
      return { status: 200, body: { responses: sortByText(responses, (r) => r.title).map(presentResponse) } };
    },
    create: async ({ req, body }) => {
      const responses = await createResponses(organizationOf(req), body.responses);
      return { status: 201, body: { responses: responses.map(presentResponse) } };
    },
    get: async ({ req, params }) => {
      const response = await Response.findOne({ _id: params.id, organization: organizationOf(req) }).lean();
      if (!response) throw notFound(`canned response ${params.id}`);
      return { status: 200, body: { responses: [presentResponse(response)] } };
    },
    delete: async ({ req, params }) => ({
      status: 200,
      body: { responses: [presentResponse(await deleteResponse(organizationOf(req), params.id))] },
    }),
    update: async ({ req, params, body }) => {
      const response = await updateResponse(organizationOf(req), params.id, body.responses);
      return { status: 200, body: { responses: [presentResponse(response)] } };
    },
  });
}
