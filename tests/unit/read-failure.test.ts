import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFailureMessage } from '@/data/ingest/read-failure';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';

describe('readFailureMessage', () => {
  const csv = { format: 'csv', gzip: false, columns: 4 } as const;

  it('calls a file the browser can no longer read moved or changed, as the check before a load does', () => {
    // DuckDB's words when the browser's file reader fails in the middle of its read
    const raw = `Invalid Error: NotFoundError: Failed to execute 'readAsArrayBuffer' on 'FileReaderSync': A requested file or directory could not be found at the time an operation was processed.\nLINE 1: CREATE OR REPLACE TEMP TABLE _ld_raw AS SELECT * FROM read_csv('x1',`;
    expect(readFailureMessage(csv, raw, null)).toBe(
      'The file could not be read, perhaps because it was moved or changed after it was chosen (A requested file or directory could not be found at the time an operation was processed). Choose it again.',
    );
  });

  it('shows only the first physical line of a rejected row, cut at 80 characters', () => {
    const reject = { line: 7, kind: 'UNQUOTED VALUE', text: `\nA7,"${'x'.repeat(100)}\nA8,y` };
    expect(readFailureMessage(csv, '', reject)).toBe(`The file could not be read as CSV: line 7 opens a quote (") that is never closed: A7,"${'x'.repeat(76)}….`);
  });

  it('names a fault it has no words for by DuckDB’s name for it', () => {
    expect(readFailureMessage(csv, '', { line: 2, kind: 'CAST ERROR', text: null })).toBe('The file could not be read as CSV: line 2 cannot be read (cast error).');
  });

  it('falls back to DuckDB’s first line, without its error class or the SQL', () => {
    expect(readFailureMessage(csv, 'Out of Memory Error: failed to allocate 256 KiB\nLINE 1: CREATE …', null)).toBe('The file could not be read as CSV: failed to allocate 256 KiB.');
    expect(readFailureMessage({ ...csv, gzip: true }, 'IO Error: unexpected end of stream', null)).toBe(
      'The file could not be decompressed (unexpected end of stream). The compressed file may be cut short or damaged.',
    );
  });
});

describe('a gzip file cut short', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createLoadedDb();
  });
  afterAll(() => t.db.close());

  it('is refused with what is wrong, and changes nothing', async () => {
    const rows = ['crime_ref,role,occurred_date,offence_group'];
    for (let i = 0; i < 50_000; i++) rows.push(`G${i},Victim,2024-03-${String((i % 28) + 1).padStart(2, '0')},Robbery`);
    const gz = gzipSync(rows.join('\n') + '\n');
    const before = await t.db.query('SELECT count(*)::INTEGER AS n FROM events');
    const error = await loadBytes(t, 'cut.csv.gz', gz.subarray(0, Math.floor(gz.length * 0.7))).catch((e: unknown) => e);
    const m = /^The file could not be read as CSV: line (\d+) has fewer values than the header's 4 columns: (.+)\. The compressed file may be cut short or damaged\.$/.exec(
      error instanceof Error ? error.message : '',
    );
    expect(m).not.toBeNull();
    // the line named is where the text stops: the start of that very row of the file
    const line = Number(m![1]);
    expect(line).toBeGreaterThan(2);
    expect(rows[line - 1]!.startsWith(m![2]!)).toBe(true);
    expect(m![2]!.length).toBeLessThan(rows[line - 1]!.length);
    expect(await t.db.query('SELECT count(*)::INTEGER AS n FROM events')).toEqual(before);
    expect((await t.db.query<{ n: number }>("SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE '\\_ld\\_%' ESCAPE '\\'"))[0]?.n).toBe(0);
  });
});
