import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeDb, type NodeDb } from '../helpers/node-db';
import { MACROS_SQL } from '@/data/macros';
import { blankToNull, plainDateShapes, plainDateTest, rowCountAndDateShapesSql, withLocalTimestamps, PLAIN_DATE_SHAPES, type PlainDateShape } from '@/data/ingest/pipeline-sql';
import { sqlString } from '@/lib/sql';

let db: NodeDb;
beforeAll(async () => {
  db = await createNodeDb();
  await db.exec(MACROS_SQL);
});
afterAll(() => db.close());

/** Exactly the SQL the loader uses for a date field. */
async function local(text: string): Promise<string | null> {
  const rows = await db.query<{ ts_d: string | null }>(withLocalTimestamps(`SELECT ?::VARCHAR AS d`, ['d']), [text]);
  return rows[0]?.ts_d ?? null;
}

describe('dates and times (data contract)', () => {
  it.each([
    ['2024-03-05', '2024-03-05 00:00:00'],
    ['05/03/2024', '2024-03-05 00:00:00'], // UK order, never US
    ['5/3/2024', '2024-03-05 00:00:00'],
    ['05/03/2024 14:30', '2024-03-05 14:30:00'],
    ['2024-03-05T14:30:15', '2024-03-05 14:30:15'],
    ['2024-01-15T10:00:00Z', '2024-01-15 10:00:00'], // winter: UTC is UK time
    ['2024-06-15T10:00:00Z', '2024-06-15 11:00:00'], // summer: BST is UTC+1
    ['2024-06-15T10:00:00+02:00', '2024-06-15 09:00:00'],
    ['2024-06-15T10:00:00-0500', '2024-06-15 16:00:00'],
    ['2021-07-31T23:40:00+00:00', '2021-08-01 00:40:00'], // police.uk: crosses midnight and month
    ['2024-03-05T14:30:00.250', '2024-03-05 14:30:00'],
    // where the quick shape tests meet the full parse: an offset on a short date, a lower-case z,
    // an offset without a colon, and a UK date with a T before its time
    ['2024-07-5Z', '2024-07-05 01:00:00'],
    ['1/7/2024Z', '2024-07-01 01:00:00'],
    ['2024-07-05 10:00:00z', '2024-07-05 11:00:00'],
    ['2024-07-05 10:00+0100', '2024-07-05 10:00:00'],
    ['05/07/2024T10:00', '2024-07-05 10:00:00'],
  ])('%s → %s', async (text, want) => expect(await local(text)).toBe(want));

  it('switches to BST at 01:00 UTC on the last Sunday of March and back on the last Sunday of October', async () => {
    expect(await local('2024-03-31T00:59:00Z')).toBe('2024-03-31 00:59:00');
    expect(await local('2024-03-31T01:00:00Z')).toBe('2024-03-31 02:00:00');
    expect(await local('2024-10-27T00:59:00Z')).toBe('2024-10-27 01:59:00');
    expect(await local('2024-10-27T01:00:00Z')).toBe('2024-10-27 01:00:00');
    expect(await local('2025-03-30T01:30:00Z')).toBe('2025-03-30 02:30:00');
  });

  it.each([['31/02/2024'], ['2024-02-30'], ['2023-02-29'], ['2024-13-01'], ['2024-03-05 25:00'], ['2024-03-05 12:60'], ['yesterday'], ['03-05-2024'], ['2024-07-0510'], ['12/4-/7-ab']])(
    '%s is not a valid date',
    async (text) => expect(await local(text)).toBeNull(),
  );

  it('accepts 29 February in a leap year', async () => expect(await local('29/02/2024')).toBe('2024-02-29 00:00:00'));
});

describe('a date field whose every value is of one plain shape takes DuckDB’s cast directly', () => {
  // every text of the tests above, and a few more at the shapes' edges
  const texts = [
    '2024-03-05', '05/03/2024', '5/3/2024', '05/03/2024 14:30', '2024-03-05T14:30:15', '2024-01-15T10:00:00Z', '2024-07-5Z', '1/7/2024Z',
    '2024-07-05 10:00:00z', '05/07/2024T10:00', '31/02/2024', '2024-02-30', '2023-02-29', '2024-13-01', 'yesterday', '03-05-2024',
    '2024-07-0510', '12/4-/7-ab', '29/02/2024', '2024-07-0z', '01/07/202Z', ' 2024-03-05', '2024-03-05 ', 'abcd-ef-gh',
    // ten characters with a space at one end: the field's trimmed text is then another shape
    // (' 024-01-01' would be cast as the year 24, where the general parse finds no date)
    ' 024-01-01', '2024-01-0 ', ' 5/03/2024', '05/03/202 ',
  ];

  async function admitted(shape: PlainDateShape): Promise<string[]> {
    const rows = await db.query<{ t: string }>(
      `SELECT t FROM (VALUES ${texts.map((t, i) => `(${i}, ${sqlString(t)})`).join(', ')}) v(i, t) WHERE ${plainDateTest(shape, 't')} ORDER BY i`,
    );
    return rows.map((r) => r.t);
  }

  it('admits exactly the ten-character texts of its shape without a space at either end or a final Z (one of them has both shapes)', async () => {
    expect(await admitted('iso')).toEqual(['2024-03-05', '2024-02-30', '2023-02-29', '2024-13-01', '12/4-/7-ab', 'abcd-ef-gh']);
    expect(await admitted('uk')).toEqual(['05/03/2024', '31/02/2024', '12/4-/7-ab', '29/02/2024']);
  });

  it('gives every text it admits the timestamp the general parse gives', async () => {
    for (const shape of PLAIN_DATE_SHAPES) {
      for (const text of await admitted(shape)) {
        const rows = await db.query<{ ts_d: string | null }>(withLocalTimestamps(`SELECT ?::VARCHAR AS d`, ['d'], { d: shape }), [text]);
        expect([shape, text, rows[0]?.ts_d ?? null]).toEqual([shape, text, await local(text)]);
      }
    }
    // worked by hand: the cast reads the UK order, and an impossible day is no date
    const direct = async (shape: PlainDateShape, text: string) =>
      (await db.query<{ ts_d: string | null }>(withLocalTimestamps(`SELECT ?::VARCHAR AS d`, ['d'], { d: shape }), [text]))[0]?.ts_d ?? null;
    expect(await direct('uk', '05/03/2024')).toBe('2024-03-05 00:00:00');
    expect(await direct('iso', '2024-02-30')).toBeNull();
  });

  it('is found per field in one scan of the file’s text, with blanks allowed and anything else sending the field to the general parse', async () => {
    // an ED extract's two date fields, arrival_at and assault_at, in columns named as the file names them
    const rows: [string | null, string | null][] = [
      ['2024-03-05', '05/03/2024'],
      ['', '06/03/2024'],
      [null, '07/03/2024 10:00'],
    ];
    await db.exec(`CREATE OR REPLACE TEMP TABLE _ld_raw AS SELECT * FROM (VALUES ${rows.map(([a, b]) => `(${a === null ? 'NULL' : sqlString(a)}, ${b === null ? 'NULL' : sqlString(b)})`).join(', ')}) v("Arrived", "Assaulted")`);
    const mapping = { arrival_at: 'Arrived', assault_at: 'Assaulted' };
    const row = (await db.query(rowCountAndDateShapesSql('ed', mapping)))[0]!;
    expect(Number(row.n)).toBe(3);
    expect(plainDateShapes('ed', row)).toEqual({ arrival_at: 'iso' });
    await db.exec(`UPDATE _ld_raw SET "Assaulted" = '08/03/2024' WHERE "Assaulted" LIKE '% %'`);
    expect(plainDateShapes('ed', (await db.query(rowCountAndDateShapesSql('ed', mapping)))[0]!)).toEqual({ arrival_at: 'iso', assault_at: 'uk' });
    // a leading space is left to the general parse, which trims it
    await db.exec(`UPDATE _ld_raw SET "Arrived" = ' 2024-03-05' WHERE "Arrived" = '2024-03-05'`);
    expect(plainDateShapes('ed', (await db.query(rowCountAndDateShapesSql('ed', mapping)))[0]!)).toEqual({ assault_at: 'uk' });
    // a field the file lacks has no shape
    expect(plainDateShapes('ed', (await db.query(rowCountAndDateShapesSql('ed', { assault_at: 'Assaulted' })))[0]!)).toEqual({ assault_at: 'uk' });
    await db.exec('DROP TABLE _ld_raw');
  });
});

describe('blank values in a field (as the loader reads every field)', () => {
  it('lose their leading and trailing spaces and become NULL when blank, like nullif(trim(v), ...)', async () => {
    const values = [null, '', ' ', '   ', '  a ', 'a', ' a', 'a ', '\ta\t', 'a  b', ' a b '];
    const rows = await db.query<{ v: string | null }>(
      `SELECT ${blankToNull('x')} AS v FROM (VALUES ${values.map((v, i) => `(${i}, ${v === null ? 'NULL::VARCHAR' : sqlString(v)})`).join(', ')}) t(i, x) ORDER BY i`,
    );
    expect(rows.map((r) => r.v)).toEqual([null, null, null, null, 'a', 'a', 'a', 'a', '\ta\t', 'a  b', 'a b']);
  });
});
