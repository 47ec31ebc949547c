import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { StatementCache } from '@/data/statement-cache';
import { createNodeDb, type NodeDb } from '../helpers/node-db';

let db: NodeDb;
let conn: DuckDBConnection;
beforeAll(async () => {
  db = await createNodeDb();
  conn = db.bindings.connect();
}, 60000);
afterAll(() => {
  conn.close();
  db.close();
});

type Statement = ReturnType<DuckDBConnection['prepare']>;

/** A cache over the real connection that records what it prepares and closes. */
function counted(limit?: number) {
  const prepared: string[] = [];
  const closed: string[] = [];
  const texts = new Map<Statement, string>();
  const cache = new StatementCache<Statement>(
    async (sql) => {
      prepared.push(sql);
      const s = conn.prepare(sql);
      texts.set(s, sql);
      return s;
    },
    async (s) => {
      closed.push(texts.get(s)!);
      s.close();
    },
    limit,
  );
  const count = (sql: string, ...values: number[]) =>
    cache.run(sql, async (s) => Number(s.query(...values).toArray()[0]!.n));
  return { cache, prepared, closed, count };
}

describe('kept prepared statements', () => {
  it('prepare a query once and answer each run for its own values', async () => {
    conn.query('CREATE OR REPLACE TABLE sc_t AS SELECT range AS x FROM range(10)');
    const { cache, prepared, count } = counted();
    const sql = 'SELECT count(*)::INTEGER AS n FROM sc_t WHERE x >= ?';
    // x is 0 … 9: five values from 5 up, two from 8 up, ten from 0 up
    expect([await count(sql, 5), await count(sql, 8), await count(sql, 0)]).toEqual([5, 2, 10]);
    expect(prepared).toEqual([sql]);
    expect(cache.size).toBe(1);
    await cache.clear();
  });

  it('answer from the table as it is now, after it was replaced or its rows deleted', async () => {
    conn.query('CREATE OR REPLACE TABLE sc_p AS SELECT range AS x FROM range(10)');
    conn.query('CREATE OR REPLACE VIEW sc_v AS SELECT * FROM sc_p');
    const { cache, prepared, count } = counted();
    const sql = 'SELECT count(*)::INTEGER AS n FROM sc_v WHERE x >= ?';
    expect(await count(sql, 5)).toBe(5);
    // as a load swaps its staged rows in: another table takes the name (0 … 99)
    conn.query('CREATE TABLE sc_staged AS SELECT range AS x FROM range(100)');
    conn.query('DROP TABLE sc_p CASCADE');
    conn.query('ALTER TABLE sc_staged RENAME TO sc_p');
    conn.query('CREATE OR REPLACE VIEW sc_v AS SELECT * FROM sc_p');
    expect(await count(sql, 5)).toBe(95);
    // 5 … 50 are left
    conn.query('DELETE FROM sc_p WHERE x > 50');
    expect(await count(sql, 5)).toBe(46);
    expect(prepared).toEqual([sql]);
    await cache.clear();
  });

  it('report the SQL’s error once what it reads is gone, let that statement go, and prepare afresh once it is back', async () => {
    conn.query('CREATE OR REPLACE TABLE sc_g AS SELECT range AS x FROM range(4)');
    const { cache, prepared, closed, count } = counted();
    const sql = 'SELECT count(*)::INTEGER AS n FROM sc_g WHERE x < ?';
    expect(await count(sql, 3)).toBe(3);
    conn.query('DROP TABLE sc_g');
    await expect(count(sql, 3)).rejects.toThrow(/sc_g does not exist/);
    // the kept statement failed and was let go
    expect(closed).toEqual([sql]);
    expect(cache.size).toBe(0);
    conn.query('CREATE TABLE sc_g AS SELECT range AS x FROM range(7)');
    expect(await count(sql, 3)).toBe(3);
    expect(await count(sql, 6)).toBe(6);
    expect(prepared).toEqual([sql, sql]);
    await cache.clear();
  });

  it('let a new statement whose run fails go, keeping nothing', async () => {
    const { cache, closed, prepared } = counted();
    const sql = 'SELECT 1 / ?::INTEGER AS n';
    await expect(cache.run(sql, async () => Promise.reject(new Error('run failed')))).rejects.toThrow('run failed');
    expect(prepared).toEqual([sql]);
    expect(closed).toEqual([sql]);
    expect(cache.size).toBe(0);
  });

  it('give two runs at once a statement each, then keep one and let the other go', async () => {
    const { cache, prepared, closed, count } = counted();
    const sql = 'SELECT ?::INTEGER * 2 AS n';
    expect(await Promise.all([count(sql, 2), count(sql, 3)])).toEqual([4, 6]);
    expect(prepared).toEqual([sql, sql]);
    expect(closed).toEqual([sql]);
    expect(cache.size).toBe(1);
    await cache.clear();
  });

  it('keep at most `limit`, letting the least recently used go first', async () => {
    const { cache, closed, prepared, count } = counted(2);
    const a = 'SELECT ?::INTEGER + 1 AS n';
    const b = 'SELECT ?::INTEGER + 2 AS n';
    const c = 'SELECT ?::INTEGER + 3 AS n';
    expect(await count(a, 1)).toBe(2);
    expect(await count(b, 1)).toBe(3);
    // a is used again, so b is now the least recently used
    expect(await count(a, 10)).toBe(11);
    expect(await count(c, 1)).toBe(4);
    expect(closed).toEqual([b]);
    expect(cache.size).toBe(2);
    // a and c are kept: neither is prepared again; b is
    expect(await count(a, 5)).toBe(6);
    expect(await count(c, 5)).toBe(8);
    expect(await count(b, 5)).toBe(7);
    expect(prepared).toEqual([a, b, c, b]);
    expect(closed).toEqual([b, a]);
    await cache.clear();
    expect(closed).toEqual([b, a, c, b]);
    expect(cache.size).toBe(0);
  });
});
