import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';
import { sniffFile } from '@/data/ingest/file-sniff';
import { keepsTableAside } from '@/data/ingest/pipeline-sql';

let t: TestDb;
const count = async () => (await t.db.query(`SELECT count(*)::INTEGER AS n FROM events`))[0]?.n;
const snapshot = async () => t.db.query(`SELECT * FROM police ORDER BY record_ref`);
/** The working tables and views of loads (all named _ld_*): none should outlive a load. */
const leftovers = async () =>
  (await t.db.query<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views()`))
    .map((r) => r.name)
    .filter((n) => n.startsWith('_ld_'));

beforeAll(async () => {
  t = await createLoadedDb();
  await loadBytes(t, 'police-basic.csv', readFileSync('tests/fixtures/police-basic.csv'));
});
afterAll(() => t.db.close());

const broken = (name: string) => readFileSync(`tests/fixtures/broken/${name}`);

/** Runs `fn` with every statement starting `prefix` failing with `message`, as a full disk or memory would. */
async function withFailing<T>(prefix: string, message: string, fn: () => Promise<T>): Promise<T> {
  const exec = t.db.exec.bind(t.db);
  t.db.exec = async (sql: string) => {
    if (sql.startsWith(prefix)) throw new Error(message);
    return exec(sql);
  };
  try {
    return await fn();
  } finally {
    t.db.exec = exec;
  }
}

describe('files that cannot be loaded get a clear error and change nothing', () => {
  it.each([
    // a workbook's name and signature, but not a workbook inside
    ['police.xlsx', /The workbook could not be opened: the file is damaged or is not an Excel workbook/],
    ['junk.csv', /not a text file/],
    ['empty.csv', /The file is empty/],
    ['semicolon.csv', /separated by semicolons/],
    ['header-only.csv', /header row but no data rows/],
    ['missing-column.csv', /Required column missing for a police extract: offence_group/],
    // the first row DuckDB cannot take, its line counted from the header as line 1
    ['ragged.csv', "The file could not be read as CSV: line 3 has more values than the header's 4 columns: Z2,Victim,2024-01-02,Robbery,extra,cells."],
    ['short-row.csv', "The file could not be read as CSV: line 3 has fewer values than the header's 4 columns: S2,Victim."],
    ['unclosed-quote.csv', 'The file could not be read as CSV: line 3 opens a quote (") that is never closed: Q2,"Victim,2024-01-02,Robbery.'],
    ['ragged.tsv', "The file could not be read as TSV: line 2 has more values than the header's 4 columns: T1\tVictim\t2024-01-01\tRobbery\textra."],
  ])('%s', async (name, message) => {
    const before = await snapshot();
    await expect(loadBytes(t, name, broken(name), { source: 'police' })).rejects.toThrow(message);
    expect(await snapshot()).toEqual(before);
    expect(await count()).toBe(4);
    expect(await leftovers()).toEqual([]);
  });


  // With fewer rows than the table holds, a file's rows are copied into it; with more, the file's
  // staged table takes the table's place (swapInSql). Both ways must fail cleanly.
  const update = 'crime_ref,role,person_ref,occurred_date,offence_group\nC1,Victim,P1,2024-03-10,Robbery\nNEW,Victim,,2024-03-09,Robbery\n';
  const bigger = `${update}NEW2,Victim,,2024-03-09,Robbery\nNEW3,Victim,,2024-03-09,Robbery\nNEW4,Victim,,2024-03-09,Robbery\n`;
  const ways = [
    ['copied in', update, 'INSERT INTO police'],
    ['taking the table\'s place', bigger, 'ALTER TABLE _ld_staged RENAME'],
    ['taking the table\'s place, failing before its transaction', bigger, 'ALTER TABLE _ld_staged DROP COLUMN'],
  ] as const;

  it.each(ways)('a failure while saving rolls back (file %s): the earlier rows are all still there', async (_, file, failing) => {
    const before = await snapshot();
    await withFailing(failing, 'disk full (simulated)', () =>
      expect(loadBytes(t, 'police-update.csv', file)).rejects.toThrow(/Saving failed, nothing was changed: disk full/),
    );
    expect(await snapshot()).toEqual(before);
    expect(await t.db.query(`SELECT count(*)::INTEGER AS n FROM extracts`)).toEqual([{ n: 1 }]);
    expect(await t.db.query(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE '\\_ld\\_%' ESCAPE '\\'`)).toEqual([{ n: 0 }]);
  });

  it.each(ways)('a failure while storing the events (file %s) takes the saved rows out again and puts back the rows they replaced', async (_, file) => {
    const before = await snapshot();
    const events = async () => t.db.query(`SELECT * FROM events ORDER BY record_ref`);
    const eventsBefore = await events();
    const bookkeeping = async () => t.db.query(`SELECT (SELECT count(*) FROM extracts)::INTEGER AS x, (SELECT count(*) FROM load_rejections)::INTEGER AS r, (SELECT count(*) FROM load_warnings)::INTEGER AS w`);
    const books = await bookkeeping();
    // C1 replaces a loaded row; the others are new; the bad date is rejected, so rejections are recorded too
    const changed = `${file}BAD,Victim,,not a date,Robbery\n`;
    await withFailing('INSERT INTO _events_store', 'Out of Memory Error (simulated)', () =>
      expect(loadBytes(t, 'police-update.csv', changed)).rejects.toThrow(/^DuckDB ran out of memory while saving \(\d+ rows\): remove a loaded extract/),
    );
    expect(await snapshot()).toEqual(before);
    expect(await bookkeeping()).toEqual(books);
    expect(await events()).toEqual(eventsBefore);
    expect(eventsBefore).toHaveLength(4);
  });
});

describe('file recognition', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('reads headers and a preview, strips a byte-order mark and tells CSV from TSV', () => {
    const csv = sniffFile('a.csv', 40, enc('\uFEFFcrime_ref,"role, as given"\r\nC1,Victim\r\n'));
    expect(csv).toEqual({ ok: true, format: 'csv', gzip: false, headers: ['crime_ref', 'role, as given'], preview: [['C1', 'Victim']], hasBom: true, encoding: 'utf-8' });
    const tsv = sniffFile('a.txt', 20, enc('a\tb\tc\n1\t2\t3\n'));
    expect(tsv.ok && tsv.format).toBe('tsv');
  });
  it('recognises Parquet and gzip by their magic bytes', () => {
    expect(sniffFile('x', 8, new Uint8Array([0x50, 0x41, 0x52, 0x31, 0, 0, 0, 0]))).toMatchObject({ ok: true, format: 'parquet' });
    expect(sniffFile('x.csv.gz', 4, new Uint8Array([0x1f, 0x8b, 8, 0]))).toEqual({ ok: false, problem: 'gzip' });
  });
  it('refuses an old .xls workbook and a one-column file', () => {
    expect(sniffFile('a.xls', 4, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toMatchObject({ ok: false, problem: expect.stringMatching(/old-style Excel/) });
    expect(sniffFile('a.csv', 10, enc('just one\nvalue\n'))).toMatchObject({ ok: false, problem: expect.stringMatching(/Only one column/) });
  });
});

describe('a newer copy of a loaded file, replacing every row', () => {
  // police-basic.csv again: its four loaded rows are all replaced, so the table is kept aside whole
  // (renamed) until the events are stored, instead of its rows being copied aside
  const whole = readFileSync('tests/fixtures/police-basic.csv', 'utf8');
  const withoutExtract = async () => (await snapshot()).map(({ extract_id: _, ...row }) => row);
  const events = async () => t.db.query(`SELECT * FROM events ORDER BY record_ref`);
  const bookkeeping = async () =>
    t.db.query(`SELECT (SELECT count(*) FROM extracts)::INTEGER AS x, (SELECT count(*) FROM load_rejections)::INTEGER AS r, (SELECT count(*) FROM load_warnings)::INTEGER AS w`);

  it('keeps the table aside only when the file takes its place and replaces at least half of its rows', () => {
    expect(keepsTableAside({ existing: 4, loaded: 4, replaced: 4 })).toBe(true);
    expect(keepsTableAside({ existing: 4, loaded: 9, replaced: 2 })).toBe(true);
    expect(keepsTableAside({ existing: 4, loaded: 9, replaced: 1 })).toBe(false);
    // fewer rows than the table holds: they are copied into it, and the replaced ones aside
    expect(keepsTableAside({ existing: 5, loaded: 4, replaced: 4 })).toBe(false);
    expect(keepsTableAside({ existing: 0, loaded: 4, replaced: 0 })).toBe(false);
  });

  it('loads the same rows and events again, with no copy of them made aside', async () => {
    const rowsBefore = await withoutExtract();
    const eventsBefore = await events();
    const statements: string[] = [];
    const exec = t.db.exec.bind(t.db);
    t.db.exec = async (sql: string) => {
      statements.push(sql);
      return exec(sql);
    };
    try {
      expect((await loadBytes(t, 'police-basic.csv', whole)).rowsReplaced).toBe(4);
    } finally {
      t.db.exec = exec;
    }
    expect(statements.filter((s) => s.includes('_ld_replaced AS'))).toEqual([]);
    expect(statements.filter((s) => s.startsWith('ALTER TABLE police RENAME TO _ld_prev'))).toHaveLength(1);
    expect(await withoutExtract()).toEqual(rowsBefore);
    expect(await events()).toEqual(eventsBefore);
    expect(await leftovers()).toEqual([]);
  });

  it('a failure while storing the events puts the table kept aside back as it was', async () => {
    const before = await snapshot();
    const eventsBefore = await events();
    const books = await bookkeeping();
    await withFailing('INSERT INTO _events_store', 'Out of Memory Error (simulated)', () =>
      expect(loadBytes(t, 'police-basic.csv', whole)).rejects.toThrow(/^DuckDB ran out of memory while saving \(9 rows\): remove a loaded extract/),
    );
    expect(await snapshot()).toEqual(before);
    expect(await bookkeeping()).toEqual(books);
    expect(await events()).toEqual(eventsBefore);
    expect(eventsBefore).toHaveLength(4);
    expect(await leftovers()).toEqual([]);
  });

  it('a failure while saving leaves the table as it was', async () => {
    const before = await snapshot();
    await withFailing('ALTER TABLE _ld_staged RENAME', 'disk full (simulated)', () =>
      expect(loadBytes(t, 'police-basic.csv', whole)).rejects.toThrow(/Saving failed, nothing was changed: disk full/),
    );
    expect(await snapshot()).toEqual(before);
    expect(await leftovers()).toEqual([]);
  });
});
