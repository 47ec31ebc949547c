import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';
import { EXTRACTS_SIGNATURE_SQL, KEPT_NOTE_KEY, KEPT_TABLES, readKeptNote, restoreKeptTables, writeKeptTables, type KeptRestoreStep } from '@/data/kept-data';
import { clearDenominators, denominatorsFor, saveDenominators } from '@/data/denominators';
import type { Db } from '@/data/db-types';
import { leftoverText } from '@/features/data/kept-panel';
import { policeText } from '../helpers/police-text';

let source: TestDb;
/** What writeKeptTables handed over: each table's parts in order, and what it returned. */
const parts = new Map<string, Uint8Array[]>();
let written: { signature: string; extracts: number };
let files: Map<string, Blob>;
/** The shares writeKeptTables reported, one after each part. */
const shares: number[] = [];
beforeAll(async () => {
  source = await createLoadedDb();
  // police-basic.csv: 9 rows read, 4 loaded, 4 rejected (worked by hand in load-police.test.ts)
  await loadBytes(source, 'police-basic.csv', readFileSync('tests/fixtures/police-basic.csv'));
  // values a CSV round trip could get wrong: empty text against NULL, quotes, commas, a line break
  await source.db.exec(`INSERT INTO load_warnings VALUES ('made-up', '', 0, NULL), ('made-up', 'a "quoted", text', 2, 'line one\nline two')`);
  // two rows a part, so that a table is written in several
  written = await writeKeptTables(source.db, async (table, part) => void parts.set(table, [...(parts.get(table) ?? []), part]), 2, (share) => void shares.push(share));
  files = new Map([...parts].map(([table, p]) => [table, new Blob(p as Uint8Array<ArrayBuffer>[])]));
});
afterAll(() => source.db.close());

/** Each table's row count and a hash over its whole rows. */
async function fingerprint(db: Db, table: string) {
  return (await db.query(`SELECT count(*)::INTEGER AS n, coalesce(sum(hash(t))::VARCHAR, '') AS h FROM ${table} t`))[0];
}

async function tableCounts(db: Db): Promise<number[]> {
  const out: number[] = [];
  for (const table of [...KEPT_TABLES, '_events_store']) out.push(Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0]?.n));
  return out;
}

describe('data kept between visits', () => {
  it('writes every kept table a part at a time, the header in the first, with the loaded extracts’ ids and count', async () => {
    expect([...parts.keys()]).toEqual(KEPT_TABLES);
    const text = (table: string) => parts.get(table)!.map((p) => new TextDecoder().decode(p));
    // police: its 4 rows in parts of rowids 0–1, 2–3, … (the rejected rows' rowids among them),
    // the header only in the first
    const police = text('police');
    expect(police.length).toBeGreaterThan(1);
    expect(police[0]).toMatch(/^extract_id,line,record_ref,/);
    expect(police.join('').split('\n').filter((l) => l.startsWith('extract_id,'))).toHaveLength(1);
    expect(police.join('').trim().split('\n')).toHaveLength(5);
    // stop_search: no rows, only its header
    expect(text('stop_search')).toHaveLength(1);
    expect(text('stop_search')[0]!.trim().split('\n')).toHaveLength(1);
    // a share after each part: rows by row id, every table's id span added up (so 2 of them after
    // police's first part), ending at the whole
    const spans = await Promise.all(KEPT_TABLES.map(async (t) => Number((await source.db.query(`SELECT coalesce(max(rowid) + 1, 0) AS n FROM ${t}`))[0]!.n)));
    const total = spans.reduce((a, b) => a + b, 0);
    expect(shares).toHaveLength([...parts.values()].reduce((n, p) => n + p.length, 0));
    expect(shares[0]).toBe(2 / total);
    expect(shares.every((x, i) => i === 0 || x >= shares[i - 1]!)).toBe(true);
    expect(shares.at(-1)).toBe(1);
    const ids = await source.db.query<{ extract_id: string }>(`SELECT extract_id FROM extracts`);
    expect(ids).toHaveLength(1);
    expect(written).toEqual({ signature: ids[0]!.extract_id, extracts: 1 });
  });

  it('comes back row for row in a new database, with the stored events made again', async () => {
    const other = await createLoadedDb();
    try {
      const steps: KeptRestoreStep[] = [];
      await restoreKeptTables(other.db, files, (step) => void steps.push(step));
      for (const table of [...KEPT_TABLES, '_events_store']) expect(await fingerprint(other.db, table), table).toEqual(await fingerprint(source.db, table));
      // a step a table, in order, each with its file's size, then the events; the files count for
      // 90% of the whole by size, the events the last 10%
      const size = (t: string) => files.get(t)!.size;
      const total = KEPT_TABLES.reduce((n, t) => n + size(t), 0);
      expect(steps.map((s) => [s.table, s.bytes])).toEqual([...KEPT_TABLES.map((t) => [t, size(t)]), [null, 0]]);
      expect(steps[0]!.done).toBe(0);
      expect(steps[1]!.done).toBeCloseTo((0.9 * size(KEPT_TABLES[0]!)) / total, 12);
      expect(steps.at(-2)!.done).toBeCloseTo(0.9 * (1 - size(KEPT_TABLES.at(-1)!) / total), 12);
      expect(steps.at(-1)!.done).toBe(0.9);
      // the 4 rows police-basic.csv loads, and its 4 rejections
      expect(await other.db.query(`SELECT count(*)::INTEGER AS n FROM events`)).toEqual([{ n: 4 }]);
      expect(await other.db.query(`SELECT count(*)::INTEGER AS n FROM load_rejections`)).toEqual([{ n: 4 }]);
      expect(await other.db.query(`SELECT kind, example FROM load_warnings WHERE extract_id = 'made-up' ORDER BY count`)).toEqual([
        { kind: '', example: null },
        { kind: 'a "quoted", text', example: 'line one\nline two' },
      ]);
    } finally {
      other.db.close();
    }
  });

  it('loads nothing when a kept file is broken, and says which table', async () => {
    const other = await createLoadedDb();
    try {
      const broken = new Map<string, Blob>(files);
      // the police table's file cut in the middle of its last row
      const police = files.get('police')!;
      broken.set('police', police.slice(0, police.size - 20));
      // ambulance, read before police, loads fine; then police fails and takes it back out
      await expect(restoreKeptTables(other.db, broken)).rejects.toThrow(/^The kept table police could not be read \(/);
      expect(await tableCounts(other.db)).toEqual([...KEPT_TABLES, '_events_store'].map(() => 0));
      const missing = new Map<string, Blob>(files);
      missing.delete('load_rejections');
      await expect(restoreKeptTables(other.db, missing)).rejects.toThrow('The kept table load_rejections is missing');
      expect(await tableCounts(other.db)).toEqual([...KEPT_TABLES, '_events_store'].map(() => 0));
      // and the database still works: the whole copy loads after
      await restoreKeptTables(other.db, files);
      expect(await other.db.query(`SELECT count(*)::INTEGER AS n FROM events`)).toEqual([{ n: 4 }]);
    } finally {
      other.db.close();
    }
  });

  // DuckDB's memory limit lowered for real: below what reading the kept police rows takes, then
  // below what storing their events takes
  it('says when DuckDB runs out of memory reading a kept table or making the events, and loads nothing', async () => {
    const big = await createLoadedDb();
    const other = await createLoadedDb();
    try {
      await loadBytes(big, 'police-big.csv', policeText(8_000_000));
      const bigParts = new Map<string, Uint8Array[]>();
      await writeKeptTables(big.db, async (table, part) => void bigParts.set(table, [...(bigParts.get(table) ?? []), part]));
      const bigFiles = new Map([...bigParts].map(([table, p]) => [table, new Blob(p as Uint8Array<ArrayBuffer>[])]));
      await other.db.exec(`SET memory_limit = '20MB'`);
      await expect(restoreKeptTables(other.db, bigFiles)).rejects.toThrow(
        /^The kept table police could not be read \(DuckDB ran out of memory: the kept data is more than this browser tab can hold\)$/,
      );
      await other.db.exec(`SET memory_limit = '2GB'`);
      expect(await tableCounts(other.db)).toEqual([...KEPT_TABLES, '_events_store'].map(() => 0));
      // the tables read, and the events then left about 1 MB more than DuckDB holds
      const exec = other.db.exec.bind(other.db);
      other.db.exec = async (sql: string) => {
        if (!sql.startsWith('DELETE FROM _events_store')) return exec(sql);
        const held = await other.db.query<{ b: number }>('SELECT sum(memory_usage_bytes)::BIGINT AS b FROM duckdb_memory()');
        await exec(`SET memory_limit = '${Math.ceil(Number(held[0]!.b) / 1000) + 1000}KB'`);
        return exec(sql);
      };
      try {
        await expect(restoreKeptTables(other.db, bigFiles)).rejects.toThrow(
          /^The events could not be made from the kept tables \(DuckDB ran out of memory: the kept data is more than this browser tab can hold\)$/,
        );
      } finally {
        other.db.exec = exec;
        await other.db.exec(`SET memory_limit = '2GB'`);
      }
      expect(await tableCounts(other.db)).toEqual([...KEPT_TABLES, '_events_store'].map(() => 0));
      // with room, the same copy loads, row for row
      await restoreKeptTables(other.db, bigFiles);
      expect(await fingerprint(other.db, '_events_store')).toEqual(await fingerprint(big.db, '_events_store'));
    } finally {
      big.db.close();
      other.db.close();
    }
  });

  it('matches columns by the names in a kept file, so a copy kept before a column was added still opens', async () => {
    // police's columns in reverse order, without ppn_submitted: as if kept by a version without it
    const columns = (await source.db.query<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE police)`)).map((c) => c.column_name);
    const older = columns.filter((c) => c !== 'ppn_submitted').reverse();
    const file = '_vrp_kept_older.csv';
    await source.db.createOutputFile(file);
    await source.db.exec(`COPY (SELECT ${older.map((c) => `"${c}"`).join(', ')} FROM police) TO '${file}' (FORMAT csv, HEADER true, USE_TMP_FILE false)`);
    const bytes = await source.db.readFile(file);
    await source.db.dropFile(file);
    const other = await createLoadedDb();
    try {
      await restoreKeptTables(other.db, new Map<string, Blob>([...files, ['police', new Blob([bytes])]]));
      const rows = (db: Db) => fingerprint(db, '(SELECT * EXCLUDE (ppn_submitted) FROM police)');
      expect(await rows(other.db)).toEqual(await rows(source.db));
      // police-basic.csv's 4 loaded rows, none with a PPN value now
      expect(await other.db.query(`SELECT count(*)::INTEGER AS n, count(ppn_submitted)::INTEGER AS ppn FROM police`)).toEqual([{ n: 4, ppn: 0 }]);
    } finally {
      other.db.close();
    }
    // a column the table does not have is refused, and nothing is loaded
    const stranger = await createLoadedDb();
    try {
      const text = new TextDecoder().decode(bytes).replace(/^[^\n]*/, (header) => header.replace('officer_defined_ethnicity', 'shoe_size'));
      await expect(restoreKeptTables(stranger.db, new Map<string, Blob>([...files, ['police', new Blob([text])]]))).rejects.toThrow(
        /^The kept table police could not be read \(.*shoe_size/,
      );
      expect(await tableCounts(stranger.db)).toEqual([...KEPT_TABLES, '_events_store'].map(() => 0));
    } finally {
      stranger.db.close();
    }
  });

  it('keeps a denominator table the user loaded, which changes the signature, and opens a copy kept before denominators were kept', async () => {
    const db = await createLoadedDb();
    const other = await createLoadedDb();
    try {
      await loadBytes(db, 'police-basic.csv', readFileSync('tests/fixtures/police-basic.csv'));
      const signature = async () => (await db.db.query<{ signature: string }>(EXTRACTS_SIGNATURE_SQL))[0]!.signature;
      const [{ extract_id: id }] = (await db.db.query<{ extract_id: string }>(`SELECT extract_id FROM extracts`)) as [{ extract_id: string }];
      // without denominators the signature is the extracts' ids alone, as notes kept before say
      expect(await signature()).toBe(id);
      await saveDenominators(db.db, [{ group: 'White', population: 1000, area: null, age_band: null }, { group: 'Black', population: 100, area: null, age_band: '10-14' }], 'young.csv');
      const withTable = await signature();
      expect(withTable).toMatch(new RegExp(`^${id}\\|denominators:2:\\d+$`));
      await saveDenominators(db.db, [{ group: 'White', population: 1000, area: null, age_band: null }, { group: 'Black', population: 101, area: null, age_band: '10-14' }], 'young.csv');
      expect(await signature()).not.toBe(withTable);

      const kept = new Map<string, Uint8Array[]>();
      await writeKeptTables(db.db, async (table, part) => void kept.set(table, [...(kept.get(table) ?? []), part]));
      const text = new TextDecoder().decode(kept.get('denominators')![0]);
      expect(text.trim().split('\n')).toEqual(['group,population,area,age_band,file_name', 'White,1000.0,,,young.csv', 'Black,101.0,,10-14,young.csv']);
      const blobs = new Map([...kept].map(([table, p]) => [table, new Blob(p as Uint8Array<ArrayBuffer>[])]));
      await restoreKeptTables(other.db, blobs);
      const inUse = await denominatorsFor(other.db, null, [], 'leeds');
      expect([inUse.label, inUse.populations.White, inUse.populations.Black]).toEqual(['your denominator table (young.csv)', 1000, 101]);
      expect((await other.db.query<{ signature: string }>(EXTRACTS_SIGNATURE_SQL))[0]!.signature).toBe(await signature());

      // a copy kept before denominators were kept has no file for them: it opens, with none
      const older = await createLoadedDb();
      try {
        const without = new Map(blobs);
        without.delete('denominators');
        await restoreKeptTables(older.db, without);
        expect(await older.db.query(`SELECT count(*)::INTEGER AS n FROM denominators`)).toEqual([{ n: 0 }]);
        expect(await older.db.query(`SELECT count(*)::INTEGER AS n FROM events`)).toEqual([{ n: 4 }]);
      } finally {
        older.db.close();
      }
      await clearDenominators(db.db);
      expect(await signature()).toBe(id);
    } finally {
      db.db.close();
      other.db.close();
    }
  });

  it('counts the partners’ extracts apart from the demo’s, which alone is never kept nor asked about', async () => {
    const db = await createLoadedDb();
    try {
      const counts = async () => (await db.db.query<{ n: number; partner: number }>(`SELECT n, partner FROM (${EXTRACTS_SIGNATURE_SQL})`))[0];
      expect(await counts()).toEqual({ n: 0, partner: 0 });
      await loadBytes(db, 'police-basic.csv', readFileSync('tests/fixtures/police-basic.csv'));
      await loadBytes(db, 'yjs-basic.csv', readFileSync('tests/fixtures/yjs-basic.csv'));
      expect(await counts()).toEqual({ n: 2, partner: 2 });
      // the demo's extracts are flagged as such when it loads
      await db.db.exec(`UPDATE extracts SET is_demo = true WHERE file_name = 'yjs-basic.csv'`);
      expect(await counts()).toEqual({ n: 2, partner: 1 });
      await db.db.exec(`UPDATE extracts SET is_demo = true`);
      expect(await counts()).toEqual({ n: 2, partner: 0 });
    } finally {
      db.db.close();
    }
  });

  it('reads the note of what is kept only when it is whole', () => {
    const note = { folder: 'kept-abc-12', savedAt: '2026-12-06 00:10:00', signature: 'x1', extracts: 1, bytes: 1234 };
    const storage = (text: string | null) => ({ getItem: (key: string) => (key === KEPT_NOTE_KEY ? text : null) });
    expect(readKeptNote(storage(JSON.stringify(note)))).toEqual(note);
    expect(readKeptNote(storage(null))).toBeNull();
    expect(readKeptNote(storage('{not json'))).toBeNull();
    expect(readKeptNote(storage(JSON.stringify({ ...note, folder: '../other' })))).toBeNull();
    expect(readKeptNote(storage(JSON.stringify({ ...note, bytes: '1234' })))).toBeNull();
    expect(readKeptNote(undefined)).toBeNull();
  });
});

describe('what is stored with no copy kept, in words', () => {
  it('names the folders and the basemap, and says nothing when neither is there', () => {
    expect(leftoverText({ folders: [], basemap: false })).toBe('');
    expect(leftoverText({ folders: [], basemap: true })).toBe('a basemap set on the Places view');
    expect(leftoverText({ folders: ['kept-a'], basemap: false })).toBe('1 folder of an unfinished keep (kept-a)');
    expect(leftoverText({ folders: ['kept-a', 'kept-b'], basemap: true })).toBe('2 folders of unfinished keeps (kept-a, kept-b) and a basemap set on the Places view');
  });
});
