import { queryOptions, useQuery } from '@tanstack/react-query';
import { startDuckDb, type BrowserDb } from './duckdb-browser';
import { prepareSchema } from './prepare-database';
import { loadReferenceData } from './reference-data';
import { fetchReferenceFiles } from './reference-files';
import { createLocator, type Locator } from './place';

/** Every query that reads loaded data has a key under this root, so one invalidation refreshes all. */
export const DB_ROOT_KEY = ['db'] as const;

export interface DbSession {
  db: BrowserDb;
  locator: Locator;
}

export const dbSessionQuery = queryOptions({
  queryKey: ['duckdb-session'] as const,
  queryFn: async (): Promise<DbSession> => {
    const [db, files] = await Promise.all([startDuckDb(), fetchReferenceFiles()]);
    await loadReferenceData(db, files);
    await prepareSchema(db);
    return { db, locator: createLocator(files.lsoaBoundaries) };
  },
  staleTime: Infinity,
  gcTime: Infinity,
});

export type DbStatus =
  | { state: 'starting' }
  | { state: 'ready'; db: BrowserDb; session: DbSession }
  | { state: 'failed'; reason: string };

export function useDbStatus(): DbStatus {
  const q = useQuery(dbSessionQuery);
  if (q.isError) return { state: 'failed', reason: q.error instanceof Error ? q.error.message : String(q.error) };
  if (q.data) return { state: 'ready', db: q.data.db, session: q.data };
  return { state: 'starting' };
}
