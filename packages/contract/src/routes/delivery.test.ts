import { buildOpenApiDocument } from '../openapi';

describe('delivery endpoints in the OpenAPI document', () => {
  const paths = buildOpenApiDocument().paths;

  it('documents the Event Webhook with its 403 and the unsubscribe link, GET and POST, without a bearer token', () => {
    const events = paths['/webhooks/sendgrid/events/{secret}']?.post;
    expect(Object.keys(events.responses).sort()).toEqual(['200', '400', '401', '403']);
    expect(paths['/u/{token}']?.get.security).toBeUndefined();
    expect(Object.keys(paths['/u/{token}']?.post.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
  });

  it('declares recipient_suppressed (422) on POST /v1/drafts and the suppressions routes', () => {
    expect(paths['/v1/drafts'].post.responses['422']).toBeDefined();
    expect(Object.keys(paths['/v1/suppressions']).sort()).toEqual(['get', 'post']);
    expect(paths['/v1/suppressions/{address}'].delete.security).toBeDefined();
  });
});
