// The production build (npm run build): the services run as compiled JavaScript, with no
// TypeScript loader — ingest answers /healthz, the worker polls with the prebuilt workflow bundle,
// and a template renders in a sandbox thread that runs the compiled renderThread.js.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startIngestProcess } from '../helpers/ingestProcess';
import { useTestApp } from '../helpers/testApp';
import { startWorkerProcess } from '../helpers/workerProcess';

const root = path.resolve(__dirname, '../..');
const compiled = (file: string) => ['--conditions=compiled', path.join(root, file)];
const BUNDLE = path.join(root, 'workflows/dist/workflow-bundle.js');

describe('the compiled services', () => {
  const testApp = useTestApp();
  beforeAll(() => {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  }, 600_000);

  it('build every workspace to dist/ and the workflow bundle from the compiled workflows', () => {
    const files = [
      'services/ingest/dist/main.js',
      'services/worker/dist/main.js',
      'packages/domain/dist/templates/renderThread.js',
    ];
    for (const file of [...files.map((f) => path.join(root, f)), BUNDLE]) expect(existsSync(file)).toBe(true);
  });

  it('ingest starts from dist/ under plain node and answers /healthz', async () => {
    const ingest = await startIngestProcess(testApp, {}, { entry: compiled('services/ingest/dist/main.js') });
    try {
      const health = await fetch(`${ingest.baseUrl}/healthz`);
      expect(await health.json()).toMatchObject({ status: 'ok', checks: { temporal: 'up', mongodb: 'up' } });
      expect(ingest.output()).not.toMatch(/tsx|\.ts:\d+/);
    } finally {
      await ingest.stop();
    }
  });

  it('the worker starts from dist/ with the prebuilt workflow bundle', async () => {
    const worker = startWorkerProcess(
      testApp,
      { FOLLOWUPS_WORKFLOW_BUNDLE: BUNDLE },
      compiled('services/worker/dist/main.js'),
    );
    try {
      await worker.ready(60_000);
    } finally {
      await worker.kill();
    }
  });

  it('renders a template in a sandbox thread running the compiled renderThread.js', async () => {
    const script = `const d = require('@follow-ups/domain');
      d.renderBody('Hello {{ recipient.email }}', { recipient: { email: 'pat@prospect.io' }, user: { email: 'sam@acme.com' } })
        .then((r) => { console.log(JSON.stringify({ entry: require.resolve('@follow-ups/domain'), r })); return d.closeTemplateRenderer(); });`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=compiled', '-e', script], {
      cwd: root,
      env: { PATH: process.env.PATH },
    });
    const { entry, r } = JSON.parse(stdout) as { entry: string; r: { text: string } };
    expect(path.relative(root, entry)).toBe(path.join('packages', 'domain', 'dist', 'index.js'));
    expect(r.text).toBe('Hello pat@prospect.io');
  });
});
