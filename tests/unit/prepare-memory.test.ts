import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';
import { memoryToPrepareMiB, prepareMemory } from '@/data/ingest/prepare-memory';
import { inLoadTurn } from '@/data/ingest/load-turns';
import type { InspectedFile } from '@/data/ingest/inspect-file';

const MIB = 1024 * 1024;
const csv = (size: number) => ({ size, format: 'csv' as const, gzip: false });
/** A chosen file of this many bytes, as the Data page has it once inspected. */
const chosen = (size: number, gzip = false): InspectedFile => {
  const file = new File([new Uint8Array(size)], gzip ? 'extract.csv.gz' : 'extract.csv');
  return { file, content: file, format: 'csv', gzip, encoding: 'utf-8', workbook: null, headers: [], preview: [], detected: null, mappings: null };
};

describe('how much memory to prepare for a file', () => {
  it('is 4.2 MiB for each MiB of CSV, rounded', () => {
    // the benchmark's 1,000,000-row police file: 108,462,274 bytes = 103.44 MiB; × 4.2 = 434.4
    expect(memoryToPrepareMiB(csv(108_462_274))).toBe(434);
    expect(memoryToPrepareMiB(csv(16 * MIB))).toBe(67); // 16 × 4.2 = 67.2
  });

  it('is nothing for files under 16 MiB of CSV', () => {
    expect(memoryToPrepareMiB(csv(16 * MIB - 1))).toBe(0);
    expect(memoryToPrepareMiB(csv(0))).toBe(0);
    // 3 MiB of Parquet is about 12 MiB of CSV
    expect(memoryToPrepareMiB({ size: 3 * MIB, format: 'parquet', gzip: false })).toBe(0);
  });

  it('counts gzip and Parquet files as four times their size in CSV', () => {
    expect(memoryToPrepareMiB({ size: 30 * MIB, format: 'csv', gzip: true })).toBe(504); // 120 × 4.2
    expect(memoryToPrepareMiB({ size: 10 * MIB, format: 'parquet', gzip: false })).toBe(168); // 40 × 4.2
  });

  it('never asks for more than 1,536 MiB', () => {
    expect(memoryToPrepareMiB(csv(366 * MIB))).toBe(1536); // 1,537.2
    expect(memoryToPrepareMiB(csv(550_000_000))).toBe(1536);
  });
});

describe('preparing memory in DuckDB (Node, a fresh database)', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createLoadedDb();
  });
  afterAll(() => t.db.close());

  it('grows DuckDB memory by what it asks for, once: a second time reuses it, and it leaves nothing behind', async () => {
    const tables = await t.db.query('SELECT count(*)::INTEGER AS n FROM duckdb_tables()');
    const before = t.db.memoryBytes();
    // 20 MiB of CSV: 84 MiB
    expect(await prepareMemory(t.db, [chosen(20 * MIB)])).toBe(84);
    const after = t.db.memoryBytes();
    expect(after - before).toBeGreaterThanOrEqual(84 * MIB);
    // the texts were freed: asking again touches the same memory
    expect(await prepareMemory(t.db, [chosen(20 * MIB)])).toBe(84);
    expect(t.db.memoryBytes()).toBe(after);
    expect(await t.db.query('SELECT count(*)::INTEGER AS n FROM duckdb_tables()')).toEqual(tables);
  });

  it('does nothing for small files or none', async () => {
    const before = t.db.memoryBytes();
    expect(await prepareMemory(t.db, [chosen(MIB), chosen(2 * MIB, true)])).toBe(0);
    expect(await prepareMemory(t.db, [])).toBe(0);
    expect(t.db.memoryBytes()).toBe(before);
  });

  it('prepares for the largest load of several files chosen at once', async () => {
    // 18 MiB of CSV: 75.6, so 76; 5 MiB of gzip, 20 MiB of CSV: 84; 1 MiB: none
    expect(await prepareMemory(t.db, [chosen(18 * MIB), chosen(5 * MIB, true), chosen(MIB)])).toBe(84);
  });

  it('readies nothing while a load runs, and again once it has ended', async () => {
    const before = t.db.memoryBytes();
    let finish: (() => void) | null = null;
    const load = inLoadTurn(() => new Promise<string>((resolve) => (finish = () => resolve('loaded'))));
    // asked for, then running
    expect(await prepareMemory(t.db, [chosen(40 * MIB)])).toBe(0);
    while (!finish) await new Promise((resolve) => setTimeout(resolve, 0));
    // the largest file asked for so far, so that readying it would have to grow the memory
    expect(await prepareMemory(t.db, [chosen(40 * MIB)])).toBe(0);
    expect(t.db.memoryBytes()).toBe(before);
    (finish as () => void)();
    expect(await load).toBe('loaded');
    expect(await prepareMemory(t.db, [chosen(40 * MIB)])).toBe(168); // 40 × 4.2
    expect(t.db.memoryBytes()).toBeGreaterThan(before);
  });

  it('still readies memory after a load that failed', async () => {
    await expect(inLoadTurn(() => Promise.reject(new Error('broken file')))).rejects.toThrow('broken file');
    expect(await prepareMemory(t.db, [chosen(20 * MIB)])).toBe(84);
  });

  it('leaves a load afterwards as it would be without it', async () => {
    await prepareMemory(t.db, [chosen(20 * MIB)]);
    // tests/fixtures/police-basic.csv: 9 rows, 4 rejected, 1 repeated (see load-police.test.ts)
    const report = await loadBytes(t, 'police-basic.csv', readFileSync('tests/fixtures/police-basic.csv'));
    expect([report.rowsRead, report.rowsLoaded]).toEqual([9, 4]);
    expect(await t.db.query("SELECT count(*)::INTEGER AS n FROM events WHERE source = 'police'")).toEqual([{ n: 4 }]);
  });
});
