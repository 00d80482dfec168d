import { Client } from 'pg';
import { TEMPORAL_DATABASE } from './serverConfig';

/**
 * How many history shards each node owns now, read from Temporal's `shards` table (each row's
 * ShardInfo names its owner, `<ip>:<history port>`): `{ "127.0.0.1:7234": 8, "127.0.0.2:7234": 8 }`.
 */
export async function shardOwners(postgresUrl: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: postgresUrl.replace(/\/[^/]*$/, `/${TEMPORAL_DATABASE}`) });
  await client.connect();
  try {
    const { rows } = await client.query<{ data: Buffer }>('SELECT data FROM shards');
    const owners: Record<string, number> = {};
    for (const { data } of rows) {
      const owner = /\d{1,3}(?:\.\d{1,3}){3}:\d+/.exec(data.toString('latin1'))?.[0] ?? 'unknown';
      owners[owner] = (owners[owner] ?? 0) + 1;
    }
    return owners;
  } finally {
    await client.end();
  }
}
