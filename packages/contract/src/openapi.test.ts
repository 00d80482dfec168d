import { contract } from './contract';
import { buildOpenApiDocument, BEARER_SCHEME } from './openapi';
import { listRoutes, toOpenApiPath } from './paths';

const document = buildOpenApiDocument();
const routes = listRoutes(contract);

function operation(path: string, method: string) {
  return document.paths[toOpenApiPath(path)]?.[method.toLowerCase()];
}

describe('buildOpenApiDocument', () => {
  it('names the API and declares the bearer scheme', () => {
    expect(document.info.title).toBe('Follow-ups API');
    expect(document.components?.securitySchemes?.[BEARER_SCHEME]).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it.each(routes.map((r) => [r.name, r] as const))('documents %s with its declared statuses', (_name, route) => {
    const op = operation(route.path, route.method);
    expect(op).toBeDefined();
    expect(op.summary).toBeTruthy();
    expect(op.description).toBeTruthy();
    // Public routes cannot answer 401 or 429, so the document leaves them out.
    const expected = route.statuses
      .filter((s) => route.authenticated || (s !== 401 && s !== 429))
      .map(String)
      .sort();
    expect(Object.keys(op.responses).sort()).toEqual(expected);
  });

  it('puts every /v1 route behind the bearer token and leaves /healthz open', () => {
    for (const route of routes) {
      const op = operation(route.path, route.method);
      if (route.path.startsWith('/v1/')) expect(op.security).toEqual([{ [BEARER_SCHEME]: [] }]);
      else expect(op.security).toBeUndefined();
    }
    const health = operation('/healthz', 'GET');
    expect(health.security).toBeUndefined();
    expect(Object.keys(health.responses)).toEqual(expect.arrayContaining(['200', '503']));
    expect(health.responses['401']).toBeUndefined();
  });

  it('adds the SendGrid inbound webhook as multipart/form-data', () => {
    const op = operation('/webhooks/sendgrid/inbound/:secret', 'POST');
    expect(op).toBeDefined();
    expect(Object.keys(op.requestBody.content)).toEqual(['multipart/form-data']);
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '413']);
    expect(op.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'secret', in: 'path' })]));
    expect(op.security).toBeUndefined();
  });

  it('covers the expected routes', () => {
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'GET /healthz',
        'POST /v1/drafts',
        'DELETE /v1/drafts/:id',
        'GET /v1/conversations/:id/messages',
        'POST /v1/rules/templates/automatic-follow-ups',
        'POST /v1/sequences/:id/resume',
      ]),
    );
    expect(new Set(routes.map((r) => `${r.method} ${r.path}`)).size).toBe(routes.length);
  });

  it('declares strict status codes on every route', () => {
    for (const route of routes) expect(route.route.strictStatusCodes).toBe(true);
  });
});
