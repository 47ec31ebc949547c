import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeDb, type NodeDb } from '../helpers/node-db';
import { inTransaction } from '@/data/transaction';

let db: NodeDb;
const rows = async () => (await db.query<{ k: number }>('SELECT k::INTEGER AS k FROM t ORDER BY k')).map((r) => r.k);

// a new database for each test: what DuckDB holds decides when the memory test's commit runs out
beforeEach(async () => {
  db = await createNodeDb();
  await db.exec("CREATE TABLE t (k BIGINT, s VARCHAR); INSERT INTO t VALUES (1, 'one')");
});
afterEach(() => db.close());

/** Sets DuckDB's memory limit just above what it holds now, so that the next block it needs is refused. */
async function leaveNoRoom(): Promise<void> {
  const used = Number((await db.query<{ b: number }>('SELECT sum(memory_usage_bytes)::BIGINT AS b FROM duckdb_memory()'))[0]!.b);
  await db.exec(`SET memory_limit = '${Math.ceil(used / 1000) + 300}KB'`);
}

describe('inTransaction', () => {
  it('commits the work and returns its result', async () => {
    const n = await inTransaction(db, async () => {
      await db.exec("INSERT INTO t VALUES (2, 'two')");
      return 2;
    });
    expect(n).toBe(2);
    expect(await rows()).toEqual([1, 2]);
  });

  it('rolls the work back when it fails, and throws its error', async () => {
    await expect(
      inTransaction(db, async () => {
        await db.exec("INSERT INTO t VALUES (2, 'two')");
        await db.exec('SELECT * FROM no_such_table');
      }),
    ).rejects.toThrow(/no_such_table/);
    expect(await rows()).toEqual([1]);
  });

  // DuckDB ends the transaction itself when COMMIT fails: the ROLLBACK after it finds none, and its
  // "no transaction is active" must not take the place of the commit's own error
  it('throws the commit’s own error when DuckDB cannot commit (out of memory), and leaves the table as it was', async () => {
    await expect(
      inTransaction(db, async () => {
        // deleting rows, one of them among those it added, makes the commit need new blocks
        await db.exec("INSERT INTO t SELECT range, 'text number ' || range FROM range(1000000); DELETE FROM t WHERE k = 1");
        await leaveNoRoom();
      }),
    ).rejects.toThrow(/Failed to commit: could not allocate block/);
    await db.exec("SET memory_limit = '1GB'");
    expect(await rows()).toEqual([1]);
    // no transaction is left open: the next one commits
    await inTransaction(db, () => db.exec("INSERT INTO t VALUES (3, 'three')"));
    expect(await rows()).toEqual([1, 3]);
  });
});
