import { QueryClient, type FetchQueryOptions, type QueryKey } from '@tanstack/react-query';
import { dbSessionQuery } from './use-db';

/**
 * The synthetic demo's answers to the queries the overview runs on first open, made from the demo's
 * database by `npm run demo-tables` (data/demo/first-open.json; a unit test checks them against
 * DuckDB's answers today). The app puts them in the query cache while DuckDB starts, so the
 * overview shows the demo's figures without waiting about three seconds for the database; every
 * other query, and any filter change, waits for DuckDB as before.
 */
export interface FirstOpenAnswers {
  entries: FirstOpenEntry[];
}

export interface FirstOpenEntry {
  key: QueryKey;
  data: unknown;
}

/** A query whose answer is kept: its key, and a way to run it as the views do. */
export interface FirstOpenQuery {
  key: QueryKey;
  run: (client: QueryClient) => Promise<unknown>;
}

/** Wraps a query's options as the views build them (dbQuery and the like). */
export function firstOpenQuery<T, K extends QueryKey>(options: FetchQueryOptions<T, Error, T, K>): FirstOpenQuery {
  return { key: options.queryKey, run: (client) => client.fetchQuery(options) };
}

/** Runs each query on its database and keeps its key and its answer, in the order given. */
export async function recordFirstOpen(queries: readonly FirstOpenQuery[]): Promise<FirstOpenAnswers> {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const entries: FirstOpenEntry[] = [];
  for (const q of queries) entries.push({ key: q.key, data: await q.run(client) });
  client.clear();
  return { entries };
}

/** The file's contents if they have the expected shape, else null (the app then simply waits for DuckDB). */
export function parseFirstOpen(json: unknown): FirstOpenAnswers | null {
  if (typeof json !== 'object' || json === null || !('entries' in json) || !Array.isArray(json.entries)) return null;
  const entries: FirstOpenEntry[] = [];
  for (const e of json.entries as unknown[]) {
    if (typeof e !== 'object' || e === null || !('key' in e) || !Array.isArray(e.key) || !('data' in e) || e.data === undefined) return null;
    entries.push({ key: e.key as unknown[], data: e.data });
  }
  return { entries };
}

/**
 * Puts the demo's first-open answers in the cache while the database is still starting, for keys
 * that have no answer yet. Once the database is ready its own answers count, so nothing is put in
 * then. Returns how many answers were put in.
 */
export function seedFirstOpen(client: QueryClient, answers: FirstOpenAnswers): number {
  const session = client.getQueryState(dbSessionQuery.queryKey)?.status;
  if (session === 'success' || session === 'error') return 0;
  let seeded = 0;
  for (const { key, data } of answers.entries) {
    if (client.getQueryData(key) !== undefined) continue;
    client.setQueryData(key, data);
    seeded++;
  }
  return seeded;
}
