import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DEMO_SOURCES, demoExtractId, loadDemoDatabase } from '@/data/demo-tables';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';

// The demo tables the app reads on first open must be exactly what the extract pipeline makes of
// the demo extracts today. If this fails after a change to the pipeline or the demo, run
// `npm run demo-tables` and commit the files.

let viaPipeline: TestDb;
let viaTables: TestDb;
beforeAll(async () => {
  viaPipeline = await createLoadedDb();
  for (const source of DEMO_SOURCES) {
    const report = await loadBytes(viaPipeline, `synthetic-demo-${source}.csv.gz`, readFileSync(`data/demo/${source}.csv.gz`), { source });
    for (const table of [source, 'extracts', 'load_warnings', 'load_rejections']) {
      await viaPipeline.db.query(`UPDATE ${table} SET extract_id = ? WHERE extract_id = ?`, [demoExtractId(source), report.extractId]);
    }
  }
  viaTables = await createLoadedDb();
  await loadDemoDatabase(viaTables.db, new Uint8Array(readFileSync('data/demo/demo.duckdb.gz')), '2026-11-27 09:30:00');
}, 120000);
afterAll(() => {
  viaPipeline.db.close();
  viaTables.db.close();
});

/** Row count and an order-free fingerprint of every row's values. */
async function fingerprint(t: TestDb, select: string): Promise<{ n: number; h: string }> {
  const [r] = await t.db.query<{ n: number; h: string }>(`SELECT count(*)::INTEGER AS n, coalesce(sum(hash(x)), 0)::VARCHAR AS h FROM (${select}) x`);
  return r!;
}

describe('the prebuilt demo tables', () => {
  it.each(DEMO_SOURCES)('%s holds the same rows as the pipeline gives', async (source) => {
    const select = `SELECT * EXCLUDE (extract_id) FROM ${source}`;
    const expected = await fingerprint(viaPipeline, select);
    expect(expected.n).toBeGreaterThan(1000);
    expect(await fingerprint(viaTables, select)).toEqual(expected);
  });

  it('give the same events, with the same stored links and police gaps', async () => {
    const select = `SELECT * FROM _events_store`;
    const expected = await fingerprint(viaPipeline, select);
    expect(await fingerprint(viaTables, select)).toEqual(expected);
    expect((await fingerprint(viaTables, `SELECT * FROM events`)).n).toBe(expected.n);
  });

  it('carry the load records, marked as demo and stamped with the time they were read', async () => {
    const cols = `extract_id, source, file_name, file_size, rows_read, rows_loaded, rows_rejected, rows_duplicate`;
    const expected = await viaPipeline.db.query(`SELECT ${cols} FROM extracts ORDER BY source`);
    expect(await viaTables.db.query(`SELECT ${cols} FROM extracts ORDER BY source`)).toEqual(expected);
    expect(await viaTables.db.query(`SELECT DISTINCT is_demo, strftime(loaded_at, '%Y-%m-%d %H:%M') AS t FROM extracts`)).toEqual([{ is_demo: true, t: '2026-11-27 09:30' }]);
    for (const table of ['load_warnings', 'load_rejections']) {
      const select = `SELECT * FROM ${table}`;
      expect(await fingerprint(viaTables, select)).toEqual(await fingerprint(viaPipeline, select));
    }
  });
});

describe('reading a demo table', () => {
  it('takes the file unpacked too, as a server may send it', async () => {
    const t = await createLoadedDb();
    const { gunzipSync } = await import('node:zlib');
    await loadDemoDatabase(t.db, new Uint8Array(gunzipSync(readFileSync('data/demo/demo.duckdb.gz'))), '2026-11-27 09:30:00');
    const select = `SELECT * FROM _events_store`;
    expect(await fingerprint(t, select)).toEqual(await fingerprint(viaPipeline, select));
    t.db.close();
  });
});

describe('a demo file that cannot be read', () => {
  const counts = (t: TestDb) =>
    t.db.query(`SELECT (SELECT count(*) FROM police)::INTEGER AS police, (SELECT count(*) FROM extracts)::INTEGER AS extracts, (SELECT count(*) FROM _events_store)::INTEGER AS events`);

  it('is refused whole: nothing is loaded, nothing stays attached, and the database still works', async () => {
    const t = await createLoadedDb();
    await expect(loadDemoDatabase(t.db, new TextEncoder().encode('not a database'), '2026-11-27 09:30:00')).rejects.toThrow(/^The demo data could not be read \(/);
    expect(await counts(t)).toEqual([{ police: 0, extracts: 0, events: 0 }]);
    expect(await t.db.query(`SELECT database_name FROM duckdb_databases() WHERE NOT internal`)).toEqual([{ database_name: 'memory' }]);
    t.db.close();
  });

  it('names the table it lacks, and loads none of the others', async () => {
    const t = await createLoadedDb();
    // a real database file, but without the demo's tables
    const other = new Uint8Array(readFileSync('data/reference/reference.duckdb.gz'));
    await expect(loadDemoDatabase(t.db, other, '2026-11-27 09:30:00')).rejects.toThrow(/^The demo table police could not be read \(Catalog Error/);
    expect(await counts(t)).toEqual([{ police: 0, extracts: 0, events: 0 }]);
    await loadDemoDatabase(t.db, new Uint8Array(readFileSync('data/demo/demo.duckdb.gz')), '2026-11-27 09:30:00');
    expect((await counts(t))[0]!.police).toBeGreaterThan(1000);
    t.db.close();
  });
});
