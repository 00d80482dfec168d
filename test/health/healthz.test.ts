import fs from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import request from 'supertest';
import { Connection, Client } from '@temporalio/client';
import { ensureBinaries } from '../../deploy/local/binaries';
import { startFerretDb } from '../../deploy/local/ferretdb';
import { freePort } from '../../deploy/local/ports';
import { buildApp } from '@follow-ups/ingest';
import { useTestApp } from '../helpers/testApp';

describe('GET /healthz', () => {
  const testApp = useTestApp();

  it('is 200 when Temporal and MongoDB answer', async () => {
    const res = await request(testApp.app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { temporal: 'up', mongodb: 'up' } });
  });

  it('is 503 naming MongoDB once its server is stopped', async () => {
    // A FerretDB of this test's own, so that stopping it leaves the shared one alone.
    const dataDir = path.join(process.env.FOLLOWUPS_TEST_STATE_DIR!, `health-ferret-${Date.now()}`);
    const ferret = await startFerretDb({
      binary: ensureBinaries().ferretdb,
      port: await freePort(),
      dataDir,
      logFile: `${dataDir}.log`,
    });
    const connection = await mongoose
      .createConnection(`${ferret.uri}health`, { serverSelectionTimeoutMS: 1000 })
      .asPromise();
    const app = buildApp({ ...testApp.deps, pingMongo: async () => (await connection.db!.admin().ping()).ok === 1 });
    try {
      await request(app).get('/healthz').expect(200);
      await ferret.stop();
      const res = await request(app).get('/healthz').expect(503);
      expect(res.body).toMatchObject({
        status: 'degraded',
        checks: { temporal: 'up', mongodb: 'down' },
        down: ['mongodb'],
      });
    } finally {
      await ferret.stop();
      await connection.close(true);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('is 503 naming Temporal when it does not answer', async () => {
    const port = await freePort(); // nothing listens there
    const temporal = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${port}`, connectTimeout: 500 }) });
    const app = buildApp({ ...testApp.deps, temporal });
    const res = await request(app).get('/healthz').expect(503);
    expect(res.body).toMatchObject({ checks: { temporal: 'down', mongodb: 'up' }, down: ['temporal'] });
  });
});
