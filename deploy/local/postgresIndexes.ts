// FerretDB 1.24 on PostgreSQL filters with `_jsonb -> $1 @> $2` and creates btree indexes on
// `(_jsonb -> 'field')`, which cannot serve `@>`: every query reads the whole table. A GIN index on
// the same expression can, once PostgreSQL plans with the key's value (plan_cache_mode =
// force_custom_plan, set in postgres.ts). The local stack mirrors each field FerretDB indexes as
// such a GIN index (PERFORMANCE.md); production MongoDB uses its own indexes.
import { Client } from 'pg';

const FIELD = /\(_jsonb -> '((?:[^']|'')+)'::text\)/g;

type IndexRow = { schemaname: string; tablename: string; indexdef: string };

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const fieldsOf = (indexdef: string) => [...indexdef.matchAll(FIELD)].map((m) => m[1]!.replace(/''/g, "'"));

/** Creates the missing GIN indexes; returns how many it created. */
export async function mirrorIndexesAsGin(postgresUrl: string): Promise<number> {
  const client = new Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<IndexRow>(
      `SELECT schemaname, tablename, indexdef FROM pg_indexes WHERE indexdef LIKE '%(_jsonb -> %'`,
    );
    const have = new Set(
      rows
        .filter((r) => r.indexdef.includes('USING gin'))
        .flatMap((r) => fieldsOf(r.indexdef).map((f) => `${r.schemaname}.${r.tablename}.${f}`)),
    );
    let created = 0;
    for (const row of rows.filter((r) => r.indexdef.includes('USING btree'))) {
      for (const field of fieldsOf(row.indexdef)) {
        const key = `${row.schemaname}.${row.tablename}.${field}`;
        if (have.has(key)) continue;
        have.add(key);
        const name = `${row.tablename}_${field.replace(/\W/g, '_')}_gin`.slice(0, 63);
        await client
          .query(
            `CREATE INDEX IF NOT EXISTS ${ident(name)} ON ${ident(row.schemaname)}.${ident(row.tablename)} USING gin ((_jsonb -> '${field.replace(/'/g, "''")}'))`,
          )
          .then(() => created++)
          .catch(() => undefined); // the collection was dropped meanwhile: nothing to mirror
      }
    }
    return created;
  } finally {
    await client.end();
  }
}

/** Mirrors now and then every few seconds (collections appear as the services first write them); `stop` ends it, after a round under way. */
export function keepIndexesMirrored(
  postgresUrl: string,
  everyMs = 5_000,
): { now: () => Promise<number>; stop: () => Promise<void> } {
  let running: Promise<number> | null = null;
  const now = () =>
    (running ??= mirrorIndexesAsGin(postgresUrl).finally(() => {
      running = null;
    }));
  const timer = setInterval(() => void now().catch(() => undefined), everyMs);
  timer.unref();
  const stop = async () => {
    clearInterval(timer);
    await running?.catch(() => undefined);
  };
  return { now, stop };
}
