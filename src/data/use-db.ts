import { queryOptions, useQuery } from '@tanstack/react-query';
import { startDuckDb, type BrowserDb } from './duckdb-browser';
import { prepareSchema } from './prepare-database';
import { loadReferenceData } from './reference-data';
import { fetchReferenceFiles } from './reference-files';
import { createLocator, type Locator } from './place';
import { demoWanted, loadDemo } from './demo-files';
import { readKeptNote, type KeptNote, type KeptRestoreStep } from './kept-data';
import { restoreKeptData } from './kept-storage';
import { valueStore } from '@/lib/value-store';
import { openFailureText } from '@/lib/error-text';

/** Every query that reads loaded data has a key under this root, so one invalidation refreshes all. */
export const DB_ROOT_KEY = ['db'] as const;

/** The synthetic demo, loaded as the database starts unless the page was opened with `?demo=0`. */
export type DemoAtOpen = { state: 'not wanted' } | { state: 'loaded' } | { state: 'failed'; reason: string };

/** Data the user kept in this browser on an earlier visit, loaded as the database starts. */
export type KeptAtOpen = { state: 'none' } | { state: 'loaded'; note: KeptNote } | { state: 'failed'; reason: string; folder: string };

export interface DbSession {
  db: BrowserDb;
  locator: Locator;
  demo: DemoAtOpen;
  kept: KeptAtOpen;
}

/**
 * The step an open with kept data is at, for the top bar, which shows it while the database is
 * starting: the last step stays until the database is ready, rather than the bar going back.
 */
const keptStep = valueStore<KeptRestoreStep | null>(null);

/** Where the open with data kept in this browser has got to (its last step once done); null before. */
export const useKeptRestoreStep = keptStep.use;

async function loadKeptAtOpen(db: BrowserDb): Promise<KeptAtOpen> {
  const note = readKeptNote();
  if (!note) return { state: 'none' };
  try {
    await restoreKeptData(db, note, keptStep.set);
    return { state: 'loaded', note };
  } catch (e) {
    // the database still works, empty; the status badge says what went wrong, and the Data page
    // can forget the copy
    return { state: 'failed', reason: openFailureText(e), folder: note.folder };
  }
}

async function loadDemoAtOpen(db: BrowserDb): Promise<DemoAtOpen> {
  if (!demoWanted(window.location.search)) return { state: 'not wanted' };
  try {
    await loadDemo(db);
    return { state: 'loaded' };
  } catch (e) {
    // the database still works without the demo; the status badge says what went wrong
    return { state: 'failed', reason: openFailureText(e) };
  }
}

export const dbSessionQuery = queryOptions({
  queryKey: ['duckdb-session'] as const,
  queryFn: async ({ client }): Promise<DbSession> => {
    try {
      const [db, files] = await Promise.all([startDuckDb(), fetchReferenceFiles()]);
      await loadReferenceData(db, files);
      await prepareSchema(db);
      // The views wait for the demo rather than query empty tables first and then again, which
      // showed "no records" for a moment and held up the demo's load by the queries in between.
      const kept = await loadKeptAtOpen(db);
      const demo: DemoAtOpen = kept.state === 'none' ? await loadDemoAtOpen(db) : { state: 'not wanted' };
      // the database files attached above are let go: DuckDB may read on all its threads now
      await db.useAllThreads();
      // the demo's first-open answers (first-open.ts) hold only if the demo is what got loaded
      if (demo.state !== 'loaded') await client.resetQueries({ queryKey: DB_ROOT_KEY });
      return { db, locator: createLocator(files.lsoaBoundaries), demo, kept };
    } catch (e) {
      await client.resetQueries({ queryKey: DB_ROOT_KEY });
      throw e;
    }
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
