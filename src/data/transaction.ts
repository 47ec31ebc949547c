import type { Db } from './db-types';

/**
 * Runs `work` in one transaction: committed when it succeeds, rolled back when it or the commit
 * fails, and the failure's own error thrown. DuckDB ends a transaction itself when its COMMIT fails
 * (out of memory, for one), so a ROLLBACK that then finds no transaction is not an error: throwing
 * its "no transaction is active" instead would hide why the work failed, and skip whatever the
 * caller does to put things back.
 */
export async function inTransaction<T>(db: Db, work: () => Promise<T>): Promise<T> {
  await db.exec('BEGIN TRANSACTION');
  let result: T;
  try {
    result = await work();
    await db.exec('COMMIT');
  } catch (e) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return result;
}
