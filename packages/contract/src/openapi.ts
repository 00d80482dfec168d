// The OpenAPI 3 document of the API: the ts-rest contract plus the SendGrid webhook, which is
// served outside ts-rest but declared with the same schemas.
import { generateOpenApi } from '@ts-rest/open-api';
import { contract } from './contract';
import { requiresAuth } from './paths';
import { webhooksRouter } from './routes/webhooks';
import { deliveryRouter } from './routes/delivery';

export type OpenApiDocument = ReturnType<typeof generateOpenApi>;
type OperationMapper = NonNullable<NonNullable<Parameters<typeof generateOpenApi>[2]>['operationMapper']>;

export const BEARER_SCHEME = 'bearerAuth';

const TAGS = [
  { name: 'health', description: 'Liveness of the service and its dependencies' },
  { name: 'drafts', description: 'Send or schedule messages (Missive-compatible)' },
  { name: 'conversations', description: 'Threads with their messages, drafts and sequence' },
  { name: 'sharedLabels', description: 'Labels that track conversations' },
  { name: 'responses', description: 'Canned responses (Liquid templates) sent as follow-ups' },
  { name: 'rules', description: 'Outgoing rules that schedule follow-ups' },
  { name: 'ruleTemplates', description: 'Ready-made rules' },
  { name: 'sequences', description: 'Running follow-up sequences (Temporal workflows)' },
  { name: 'hooks', description: 'Signed event webhooks for integrations (Standard Webhooks)' },
  { name: 'suppressions', description: 'Addresses nothing is sent to: bounced, complained, unsubscribed' },
  { name: 'contacts', description: 'Recipients and their time zones' },
  { name: 'webhooks', description: 'Inbound email from SendGrid' },
  { name: 'delivery', description: 'SendGrid delivery events and one-click unsubscribe' },
];

/** /v1 operations need the bearer token and are rate-limited; public ones answer neither 401 nor 429, so they are not listed. */
const applySecurity: OperationMapper = (operation, route) => {
  if (requiresAuth(route.path)) return { ...operation, security: [{ [BEARER_SCHEME]: [] }] };
  const { 401: _unauthorized, 429: _limited, ...responses } = operation.responses;
  return { ...operation, responses };
};

export type OpenApiOptions = {
  /** Base URL listed under `servers`, e.g. `https://followups.example.com`. */
  serverUrl?: string;
};

export function buildOpenApiDocument(options: OpenApiOptions = {}): OpenApiDocument {
  const document = generateOpenApi(
    contract,
    {
      info: {
        title: 'Follow-ups API',
        version: '1.0.0',
        description:
          'Automatic email follow-up sequences for sales teams. Request and response bodies follow Missive: wrapped in the plural resource key, timestamps in unix seconds. Errors are `{ error: { code, message, issues? } }`.',
      },
      ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
      tags: TAGS,
      components: {
        securitySchemes: {
          [BEARER_SCHEME]: { type: 'http', scheme: 'bearer', description: "The organization's API token" },
        },
      },
    },
    { setOperationId: 'concatenated-path', operationMapper: applySecurity },
  );
  const webhooks = generateOpenApi(
    { webhooks: webhooksRouter, delivery: deliveryRouter },
    { info: document.info },
    { setOperationId: 'concatenated-path' },
  );
  return { ...document, paths: { ...document.paths, ...webhooks.paths } };
}
