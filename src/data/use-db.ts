import { queryOptions, useQuery } from '@tanstack/react-query';
import { startDuckDb, type BrowserDb } from './duckdb-browser';
import { prepareSchema } from './prepare-database';

/** Every query that reads loaded data has a key under this root, so one invalidation refreshes all. */
export const DB_ROOT_KEY = ['db'] as const;

export const dbInstanceQuery = queryOptions({
  queryKey: ['duckdb-instance'] as const,
  queryFn: async (): Promise<BrowserDb> => {
    const db = await startDuckDb();
    await prepareSchema(db);
    return db;
  },
  staleTime: Infinity,
  gcTime: Infinity,
});

export type DbStatus =
  | { state: 'starting' }
  | { state: 'ready'; db: BrowserDb }
  | { state: 'failed'; reason: string };

export function useDbStatus(): DbStatus {
  const q = useQuery(dbInstanceQuery);
  if (q.isError) return { state: 'failed', reason: q.error instanceof Error ? q.error.message : String(q.error) };
  if (q.data) return { state: 'ready', db: q.data };
  return { state: 'starting' };
}
