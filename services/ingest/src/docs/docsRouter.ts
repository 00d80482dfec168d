import path from 'node:path';
import express from 'express';
import { buildOpenApiDocument } from '@follow-ups/contract';

const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));

/** The page Swagger UI renders: everything is served from here, nothing from the internet. */
const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Follow-ups API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: true });
  </script>
</body>
</html>`;

/** GET /openapi.json (generated from the ts-rest contract) and GET /docs (Swagger UI). */
export function docsRouter(): express.Router {
  const document = buildOpenApiDocument();
  const router = express.Router();
  router.get('/openapi.json', (_req, res) => res.json(document));
  router.get(['/docs', '/docs/'], (_req, res) => res.type('html').send(page));
  router.use('/docs/assets', express.static(swaggerDir, { index: false }));
  router.get('/', (_req, res) => res.redirect('/docs'));
  return router;
}
