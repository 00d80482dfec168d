import { initServer } from '@ts-rest/express';
import { contract } from '@follow-ups/contract';
import { SharedLabel } from '@follow-ups/db';
import { organizationOf } from '../http/auth';
import { presentSharedLabel } from './presentSharedLabel';
import { sortByText } from '../rules/ordering';
import { createSharedLabels, updateSharedLabel } from './sharedLabels';

const s = initServer();

export function sharedLabelsRoutes() {
  return s.router(contract.sharedLabels, {
    list: async ({ req }) => {
      const labels = await SharedLabel.find({ organization: organizationOf(req) }).lean();
      return { status: 200, body: { shared_labels: sortByText(labels, (l) => l.name).map(presentSharedLabel) } };
    },
    create: async ({ req, body }) => {
      const labels = await createSharedLabels(organizationOf(req), body.shared_labels);
      return { status: 201, body: { shared_labels: labels.map(presentSharedLabel) } };
    },
    update: async ({ req, params, body }) => ({
      status: 200,
      body: {
        shared_labels: [
          presentSharedLabel(await updateSharedLabel(organizationOf(req), params.id, body.shared_labels)),
        ],
      },
    }),
  });
}
