import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inLoadTurn } from '@/data/ingest/load-turns';
import { warmUpCode, warmUpExtract, WARM_UP_ROWS } from '@/data/ingest/warm-up';
import type { LoadReport } from '@/data/ingest/load-extract';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';

let t: TestDb;
beforeAll(async () => {
  t = await createLoadedDb();
}, 60000);
afterAll(() => t.db.close());

const kept = async () =>
  t.db.query(`SELECT (SELECT count(*) FROM police)::INTEGER AS police, (SELECT count(*) FROM extracts)::INTEGER AS extracts,
    (SELECT count(*) FROM _events_store)::INTEGER AS events,
    (SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '\\_ld\\_%' ESCAPE '\\')::INTEGER AS working`);

describe('the made-up extract of a warm-up', () => {
  it('loads as its rows are written: every 50th has no date, one place in six is malformed, one in six is in London', async () => {
    const report = await loadBytes(t, 'warm-up.csv', warmUpExtract(300), { dryRun: true });
    // rows 49, 99, …, 299 (counting from 0) have no date: 6 of 300
    expect([report.rowsRead, report.rowsLoaded, report.rowsRejected, report.rowsDuplicate]).toEqual([300, 294, 6, 0]);
    // row i is on line i + 2 (the header is line 1)
    expect(report.firstRejections[0]).toEqual({ line: 51, reason: 'occurred_date is blank' });
    // i % 6 = 4 is "X0101": 50 rows, none of them rejected (49, 99, … leave 1, 3 or 5 over six)
    expect(report.warnings.find((w) => w.kind.startsWith('unrecognised LSOA code'))).toMatchObject({ count: 50, firstLine: 6, example: 'X0101' });
    // i % 6 = 3 is "E01000001" (City of London): 50 rows less rows 99 and 249, rejected
    expect(report.warnings.find((w) => w.kind.startsWith('place outside West Yorkshire'))).toMatchObject({ count: 48, firstLine: 5 });
  });

  it('is about 1 MiB of text, about 10,000 rows', () => {
    const bytes = new TextEncoder().encode(warmUpExtract(WARM_UP_ROWS)).length;
    expect(bytes).toBeGreaterThan(512 * 1024);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('warming up for a load', () => {
  it('warms the code up once per database, and keeps nothing but the memory its load used', async () => {
    const steps: string[] = [];
    const start = t.db.memoryBytes();
    const first = warmUpCode(t, (stage) => steps.push(stage.name));
    // asked again while it runs (the Data page opened twice): the same rehearsal
    expect(warmUpCode(t, (stage) => steps.push(`again: ${stage.name}`))).toBe(first);
    expect(await first).toBe(true);
    expect(steps).toEqual(['Reading the file', 'Checking values', 'Finding places', 'Normalising']);
    // the made-up rows' load grew DuckDB's memory by what such a small load takes, nothing readied
    expect(t.db.memoryBytes() - start).toBeLessThan(128 * 1024 * 1024);
    expect(await kept()).toEqual([{ police: 0, extracts: 0, events: 0, working: 0 }]);
    // once per database: asked again later, it does not run again
    steps.length = 0;
    expect(await warmUpCode(t, (stage) => steps.push(stage.name))).toBe(true);
    expect(steps).toEqual([]);
  }, 60000);

  it('gives way to a load asked for meanwhile, whose rows are then exactly the file’s', async () => {
    const other = await createLoadedDb();
    try {
      const asked: { load?: Promise<LoadReport> } = {};
      const steps: string[] = [];
      // a load is asked for while the warm-up checks the values of its made-up rows
      const warming = warmUpCode(other, (stage) => {
        steps.push(stage.name);
        if (stage.name === 'Checking values') asked.load = inLoadTurn(() => loadBytes(other, 'police-basic.csv', readFileSync('tests/fixtures/police-basic.csv')));
      });
      expect(await warming).toBe(false);
      expect(steps).toEqual(['Reading the file', 'Checking values']);
      const report = await asked.load!;
      // tests/fixtures/police-basic.csv: 9 rows read, 4 loaded (see load-police.test.ts)
      expect([report.rowsRead, report.rowsLoaded]).toEqual([9, 4]);
      expect(await other.db.query(`SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE record_ref LIKE 'WU%')::INTEGER AS made_up FROM police`)).toEqual([{ n: 4, made_up: 0 }]);
    } finally {
      await other.db.close();
    }
  }, 60000);
});
