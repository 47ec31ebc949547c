import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Db } from './db-types';
import { DB_ROOT_KEY } from './use-db';

/**
 * Options for a query over the loaded data: keyed under DB_ROOT_KEY (so loading or removing data
 * refreshes it) with every input in `key`, and waiting until the database is ready.
 *
 * While a changed query runs, its last answer stays on screen (dimmed by the shell), so a filter
 * change updates the charts in place instead of unmounting and rebuilding every one of them.
 * Before the database is ready there is only an answer for a query already in the cache.
 */
export function dbQuery<K extends readonly unknown[], T>(db: Db | undefined, key: K, fetch: (db: Db) => Promise<T>) {
  return queryOptions({
    queryKey: [...DB_ROOT_KEY, ...key] as const,
    queryFn: ({ signal }) => {
      if (!db) throw new Error('The database is not ready yet.');
      return fetch(db.withSignal(signal));
    },
    enabled: db !== undefined,
    // not while the database starts: the last answer on screen may be the demo's first-open figures
    // (first-open.ts), which must not stand in for a changed query that nothing is running yet
    placeholderData: db ? keepPreviousData : undefined,
  });
}
