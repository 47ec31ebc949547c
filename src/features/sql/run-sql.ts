import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Db, QueryResult } from '@/data/db-types';
import { REBUILD_EVENTS_SQL, setRegionSql } from '@/data/schema';
import type { Region } from '@/data/region';
import { DB_ROOT_KEY } from '@/data/use-db';
import { toCsv } from '@/lib/csv';

export const SHOWN_ROWS = 1000;

/** Words of a statement that may change loaded rows. */
export const CHANGES_DATA = /\b(insert|update|delete|create|drop|alter|copy|truncate)\b/i;

/**
 * Runs console SQL, with `events` following the page's region (its in_area); anything the SQL
 * changes may affect every view, so the cache is dropped after.
 */
export function useRunSql(db: Db | undefined, region: Region) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (sql: string): Promise<QueryResult & { sql: string; refreshProblem: string | null }> => {
      if (!db) throw new Error('The database is not ready yet.');
      await db.exec(setRegionSql(region));
      const result = await db.queryLimited(sql, SHOWN_ROWS);
      // `events` reads stored rows; a statement that may change a source table rebuilds them
      const refreshProblem = CHANGES_DATA.test(sql) ? await rebuildEvents(db) : null;
      return { ...result, sql, refreshProblem };
    },
    onSettled: () => client.invalidateQueries({ queryKey: DB_ROOT_KEY }),
  });
}

/**
 * Rebuilds the stored events; a failure (such as a value outside the contract's vocabulary written
 * into a source table) leaves the stored events as they were and is reported.
 */
export async function rebuildEvents(db: Db): Promise<string | null> {
  try {
    await db.exec(REBUILD_EVENTS_SQL);
    return null;
  } catch (e) {
    await db.exec('ROLLBACK').catch(() => undefined);
    return e instanceof Error ? e.message : String(e);
  }
}

/** The full result of a query as CSV, with the query and the time written above the header. */
export async function resultAsCsv(db: Db, sql: string, madeAt: Date, region: Region): Promise<string> {
  await db.exec(setRegionSql(region));
  const full = await db.queryLimited(sql, Infinity);
  return toCsv(full.columns, full.rows, [`Query: ${sql}`, `Made: ${madeAt.toISOString()}`]);
}
