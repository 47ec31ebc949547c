import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankToNull } from '@/data/ingest/pipeline-sql';
import { sqlString } from '@/lib/sql';
import { createNodeDb, type NodeDb } from '../helpers/node-db';

let db: NodeDb;
beforeAll(async () => {
  db = await createNodeDb();
});
afterAll(() => db.close());

describe('blank values', () => {
  it('lose their leading and trailing spaces and become NULL when blank, like nullif(trim(v), ...)', async () => {
    const values = [null, '', ' ', '   ', '  a ', 'a', ' a', 'a ', '\ta\t', 'a  b', ' a b '];
    const rows = await db.query<{ v: string | null }>(
      `SELECT ${blankToNull('x')} AS v FROM (VALUES ${values.map((v, i) => `(${i}, ${v === null ? 'NULL::VARCHAR' : sqlString(v)})`).join(', ')}) t(i, x) ORDER BY i`,
    );
    expect(rows.map((r) => r.v)).toEqual([null, null, null, null, 'a', 'a', 'a', 'a', '\ta\t', 'a  b', 'a b']);
  });
});
