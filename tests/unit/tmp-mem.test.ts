import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadBytes } from '../helpers/loaded-db';
import { createNodeDb } from '../helpers/node-db';
import path from 'node:path';
import { loadReferenceData } from '@/data/reference-data';
import { prepareSchema } from '@/data/prepare-database';
import { createLocator, type BoundaryCollection } from '@/data/place';

it('profile', async () => {
  const db = await createNodeDb();
  if (process.env.COMPRESS) await db.exec("ATTACH ':memory:' AS cm (COMPRESS); USE cm");
  const lsoa = JSON.parse(readFileSync(path.resolve('data/reference', 'lsoa21.geojson'), 'utf8')) as BoundaryCollection;
  await loadReferenceData(db, { database: new Uint8Array(readFileSync('data/reference/reference.duckdb.gz')), lsoaBoundaries: lsoa });
  await prepareSchema(db);
  const t = { db, locator: createLocator(lsoa) };
  const bytes = readFileSync(process.env.FILE ?? '/tmp/prof/police-1000000.csv');
  const origExec = db.exec.bind(db);
  const origQuery = db.query.bind(db);
  const mem = async () => {
    const r = await db.query("SELECT sum(memory_usage_bytes)::BIGINT AS b FROM duckdb_memory()");
    return Math.round(Number(r[0]!.b) / 1e6);
  };
  (db as unknown as { exec: (s: string) => Promise<void> }).exec = async (sql: string) => {
    const t0 = performance.now();
    await origExec(sql);
    const ms = performance.now() - t0;
    if (process.env.ANALYZE && sql.startsWith('CREATE OR REPLACE TABLE _ld_staged')) {
      const plan = await origQuery('EXPLAIN ANALYZE ' + sql.replace('CREATE OR REPLACE TABLE _ld_staged AS', 'CREATE OR REPLACE TEMP TABLE _ld_x AS'));
      require('node:fs').writeFileSync('/tmp/prof/plan.txt', String(Object.values(plan[0] as object)[1]));
      await origExec('DROP TABLE _ld_x');
      require('node:fs').writeFileSync('/tmp/prof/staged.sql', sql);
    }
    if (ms > 50) console.log(`${ms.toFixed(0)} ms, ${await mem()} MB after: ${sql.slice(0, 90).replace(/\s+/g, ' ')}`);
  };
  (db as unknown as { query: (s: string, p?: unknown[]) => Promise<unknown[]> }).query = async (sql: string, p?: unknown[]) => {
    const t0 = performance.now();
    const r = await origQuery(sql, p as never);
    const ms = performance.now() - t0;
    if (ms > 30) console.log(`Q ${ms.toFixed(0)} ms: ${sql.slice(0, 110).replace(/\s+/g, ' ')}`);
    return r;
  };
  const t0 = performance.now();
  const r = await loadBytes(t, 'police.csv', bytes, { today: '2026-12-01' });
  console.log('load', (performance.now() - t0).toFixed(0), r.rowsLoaded);
  console.log(await db.query("SELECT tag, (memory_usage_bytes/1e6)::INT mb FROM duckdb_memory() WHERE memory_usage_bytes > 0"));
  const q0 = performance.now();
  console.log(await db.query("SELECT age_band, count(*) n, count(DISTINCT pid) p FROM _events_store GROUP BY ALL ORDER BY 1"));
  console.log('query', (performance.now() - q0).toFixed(0));
  const q1 = performance.now();
  await db.query("SELECT lsoa_ix, event_month, count(*) FROM _events_store WHERE event_date >= DATE '2023-01-01' GROUP BY ALL");
  console.log('query2', (performance.now() - q1).toFixed(0));
}, 600000);
