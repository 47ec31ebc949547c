import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeDb, type NodeDb } from '../helpers/node-db';

let db: NodeDb;
beforeAll(async () => {
  db = await createNodeDb();
});
afterAll(() => db.close());

describe('Db gateway (real duckdb-wasm in Node)', () => {
  it('returns plain rows with BIGINT as number and dates as ISO text', async () => {
    const rows = await db.query(
      "SELECT count(*) AS n, DATE '2024-03-05' AS d, TIMESTAMP '2024-03-05 14:30:00' AS t, 1.5::DECIMAL(4,1) AS x FROM range(3)",
    );
    expect(rows).toEqual([{ n: 3, d: '2024-03-05', t: '2024-03-05 14:30:00', x: 1.5 }]);
    expect(typeof rows[0]?.n).toBe('number');
  });

  it('binds parameters so quotes and SQL in a value stay a value', async () => {
    const hostile = "x'); DROP TABLE t; --";
    const rows = await db.query('SELECT ? AS v, ?::INTEGER + 1 AS n', [hostile, 41]);
    expect(rows).toEqual([{ v: hostile, n: 42 }]);
  });

  it('keeps only the asked-for rows in JS but reports the full count', async () => {
    const res = await db.queryLimited('SELECT range AS i FROM range(2500)', 1000);
    expect(res.totalRows).toBe(2500);
    expect(res.rows).toHaveLength(1000);
    expect(res.columns).toEqual(['i']);
    expect(res.rows[999]).toEqual({ i: 999 });
  });

  it('creates a table from JS columns, NaN doubles becoming NULL', async () => {
    await db.createTableFromColumns('pts', [
      { name: 'k', type: 'VARCHAR', values: ['a', null, 'c'] },
      { name: 'x', type: 'DOUBLE', values: [1.5, NaN, -2] },
    ]);
    expect(await db.query('SELECT * FROM pts ORDER BY x NULLS LAST')).toEqual([
      { k: 'c', x: -2 },
      { k: 'a', x: 1.5 },
      { k: null, x: null },
    ]);
    await db.createTableFromColumns('empty_pts', [{ name: 'k', type: 'VARCHAR', values: [] }]);
    expect(await db.query('SELECT count(*) AS n FROM empty_pts')).toEqual([{ n: 0 }]);
  });

  it('fails loudly instead of fetching an extension from the internet', async () => {
    await expect(db.query("SELECT current_date")).rejects.toThrow(/icu/i);
  });
});
