import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dictionary, Int32, Int64, Utf8, tableFromArrays, tableFromIPC, vectorFromArray, DateMillisecond, TimestampMillisecond, Table } from 'apache-arrow';
import { mostlyDistinct, tableToColumns, type ParquetColumn } from '@/data/parquet-encoder';
import { createNodeDb, type NodeDb } from '../helpers/node-db';

// What the Parquet writer is given for each column: dates as days since 1970, timestamps as the
// milliseconds of their whole second (rounded down), numbers, booleans, text, and null.

const COLUMNS: ParquetColumn[] = [
  { name: 's', type: 'VARCHAR' },
  { name: 'i', type: 'INTEGER' },
  { name: 'd', type: 'DOUBLE' },
  { name: 'b', type: 'BOOLEAN' },
  { name: 'day', type: 'DATE' },
  { name: 'ts', type: 'TIMESTAMP' },
  { name: 'none', type: 'VARCHAR' },
];

/** Text as given to the writer: a text, or its UTF-8 bytes when most of a column's values differ. */
const text = (v: unknown) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v);

const ms = (...parts: [number, number, number, number?, number?, number?]) => BigInt(Date.UTC(...parts));

let db: NodeDb;
beforeAll(async () => {
  db = await createNodeDb();
});
afterAll(() => db.close());

async function duckTable(sql: string): Promise<Table> {
  return tableFromIPC(await db.queryIpc(sql));
}

describe('a batch from DuckDB', () => {
  it('gives each type as the writer stores it, nulls as null', async () => {
    const table = await duckTable(`SELECT * FROM (VALUES
      ('Knife or sharp', 14, 53.5::DOUBLE, true, DATE '1970-01-11', TIMESTAMP '2024-05-10 02:10:00.750', NULL::VARCHAR),
      ('Leeds — Harehills', NULL, NULL, false, DATE '1969-12-31', TIMESTAMP '1969-12-31 23:59:59.5', NULL),
      (NULL, -3, -0.25, NULL, NULL, NULL, NULL)) v(s, i, d, b, day, ts, none)`);
    const cols = Object.fromEntries(tableToColumns(COLUMNS, table).map((c) => [c.name, c.data]));
    expect(cols.s!.map(text)).toEqual(['Knife or sharp', 'Leeds — Harehills', null]);
    expect(cols.i).toEqual([14, null, -3]);
    expect(cols.d).toEqual([53.5, null, -0.25]);
    expect(cols.b).toEqual([true, false, null]);
    // 11 January 1970 is day 10; the last day of 1969 is day -1
    expect(cols.day).toEqual([10, -1, null]);
    // the fraction of a second is dropped, downwards before 1970 too
    expect(cols.ts).toEqual([ms(2024, 4, 10, 2, 10, 0), -1000n, null]);
    expect(cols.none).toEqual([null, null, null]);
  });

  it('reads every chunk of a long batch, and a slice of it, at the right rows', async () => {
    // DuckDB sends 5,000 rows in several chunks; row k has k, k's text, k odd, day k
    const table = await duckTable(`SELECT 'r' || range AS s, range::INTEGER AS i, range / 4 AS d, range % 2 = 1 AS b,
      DATE '1970-01-01' + range::INTEGER AS day, TIMESTAMP '2020-01-01' + to_seconds(range) AS ts, NULL::VARCHAR AS none FROM range(5000)`);
    expect(table.batches.length).toBeGreaterThan(1);
    const check = (t: Table, first: number) => {
      const cols = Object.fromEntries(tableToColumns(COLUMNS, t).map((c) => [c.name, c.data]));
      expect(cols.i).toHaveLength(t.numRows);
      for (const k of [0, 1, 7, 2047, 2048, 2049, 4095, 4999].filter((r) => r >= first && r < first + t.numRows)) {
        const row = k - first;
        expect([text(cols.s![row]), cols.i![row], cols.d![row], cols.b![row], cols.day![row], cols.ts![row]]).toEqual([
          `r${k}`, k, k / 4, k % 2 === 1, k, ms(2020, 0, 1) + BigInt(k) * 1000n,
        ]);
      }
    };
    check(table, 0);
    // a slice starts inside a chunk, and inside a byte of the booleans
    check(table.slice(2045, 2061), 2045);
  });
});

describe('text', () => {
  it('is given as bytes when most values differ, copied out of the batch, and as text otherwise', async () => {
    const table = await duckTable(`SELECT 'P' || range AS s, ['Victim', 'Suspect'][range % 2 + 1] AS role FROM range(3000)`);
    const [refs, roles] = tableToColumns(
      [
        { name: 's', type: 'VARCHAR' },
        { name: 'role', type: 'VARCHAR' },
      ],
      table,
    ).map((c) => c.data);
    expect(refs!.every((v) => v instanceof Uint8Array)).toBe(true);
    expect(refs!.slice(0, 3).map(text)).toEqual(['P0', 'P1', 'P2']);
    expect(text(refs![2999])).toBe('P2999');
    const batchBuffers = new Set(table.getChild('s')!.data.map((d) => d.values.buffer));
    expect(batchBuffers.has((refs![0] as Uint8Array).buffer)).toBe(false);
    expect(roles!.slice(0, 3)).toEqual(['Victim', 'Suspect', 'Victim']);
  });

  it('counts as mostly distinct from a sample, leaving nulls out', () => {
    expect(mostlyDistinct(vectorFromArray(['a', 'b', 'c', null, null, null, null, null]))).toBe(true);
    expect(mostlyDistinct(vectorFromArray(['a', 'a', 'b', 'b']))).toBe(false);
    expect(mostlyDistinct(vectorFromArray([null, null], new Utf8()))).toBe(false);
  });
});

describe('a batch of other Arrow types', () => {
  it('is read value by value into the same forms', () => {
    const table = new Table({
      s: vectorFromArray(['Suspect', 'Victim', 'Suspect'], new Dictionary(new Utf8(), new Int32())),
      i: vectorFromArray([5n, null, -2n], new Int64()),
      d: tableFromArrays({ d: Float64Array.from([1.5, 2, 3]) }).getChild('d')!,
      b: vectorFromArray([true, null, false]),
      day: vectorFromArray([new Date(Date.UTC(2024, 2, 5)), null, new Date(Date.UTC(1969, 11, 31))], new DateMillisecond()),
      ts: vectorFromArray([Date.UTC(2024, 4, 10, 2, 10, 0, 999), null, -1], new TimestampMillisecond()),
      none: vectorFromArray([null, null, null], new Utf8()),
    });
    const cols = Object.fromEntries(tableToColumns(COLUMNS, table).map((c) => [c.name, c.data]));
    expect(cols.s).toEqual(['Suspect', 'Victim', 'Suspect']);
    expect(cols.i).toEqual([5, null, -2]);
    expect(cols.d).toEqual([1.5, 2, 3]);
    expect(cols.b).toEqual([true, null, false]);
    // 5 March 2024 is day 19,787 (54 years with 13 leap days, then 64 days)
    expect(cols.day).toEqual([19787, null, -1]);
    expect(cols.ts).toEqual([ms(2024, 4, 10, 2, 10, 0), null, -1000n]);
    expect(cols.none).toEqual([null, null, null]);
  });
});
