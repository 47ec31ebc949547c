import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeDb, type NodeDb } from '../helpers/node-db';
import { MACROS_SQL } from '@/data/macros';
import { blankToNull, withLocalTimestamps } from '@/data/ingest/pipeline-sql';
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

describe('blank values in a field (as the loader reads every field)', () => {
  it('lose their leading and trailing spaces and become NULL when blank, like nullif(trim(v), ...)', async () => {
    const values = [null, '', ' ', '   ', '  a ', 'a', ' a', 'a ', '\ta\t', 'a  b', ' a b '];
    const rows = await db.query<{ v: string | null }>(
      `SELECT ${blankToNull('x')} AS v FROM (VALUES ${values.map((v, i) => `(${i}, ${v === null ? 'NULL::VARCHAR' : sqlString(v)})`).join(', ')}) t(i, x) ORDER BY i`,
    );
    expect(rows.map((r) => r.v)).toEqual([null, null, null, null, 'a', 'a', 'a', 'a', '\ta\t', 'a  b', 'a b']);
  });
});
