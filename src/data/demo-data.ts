import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import policeUrl from '../../data/demo/tables/police.csv.gz?url';
import ambulanceUrl from '../../data/demo/tables/ambulance.csv.gz?url';
import edUrl from '../../data/demo/tables/ed.csv.gz?url';
import yjsUrl from '../../data/demo/tables/yjs.csv.gz?url';
import extractsUrl from '../../data/demo/tables/extracts.csv.gz?url';
import warningsUrl from '../../data/demo/tables/load_warnings.csv.gz?url';
import rejectionsUrl from '../../data/demo/tables/load_rejections.csv.gz?url';
import { DB_ROOT_KEY, useDbStatus, type DbSession } from './use-db';
import { removeExtract } from './ingest/extracts';
import { localStamp } from './ingest/load-file';
import { dbQuery } from './db-query';
import type { SourceId } from './ingest/contracts';
import { loadDemoTables } from './demo-tables';

const DEMO_TABLE_URLS: [string, string][] = [
  ['police', policeUrl],
  ['ambulance', ambulanceUrl],
  ['ed', edUrl],
  ['yjs', yjsUrl],
  ['extracts', extractsUrl],
  ['load_warnings', warningsUrl],
  ['load_rejections', rejectionsUrl],
];

/** `?demo=0` opens the app with nothing loaded. */
export function demoWanted(search: string): boolean {
  return new URLSearchParams(search).get('demo') !== '0';
}

let fetching: Promise<Map<string, Uint8Array>> | null = null;

/** Fetches the demo tables once (same origin); started early, while DuckDB is still starting. */
export function fetchDemoTables(): Promise<Map<string, Uint8Array>> {
  fetching ??= Promise.all(
    DEMO_TABLE_URLS.map(async ([table, url]) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`Demo table ${table} could not be read (HTTP ${res.status})`);
      return [table, new Uint8Array(await res.arrayBuffer())] as const;
    }),
  ).then((entries) => new Map(entries));
  fetching.catch(() => {
    fetching = null;
  });
  return fetching;
}

/**
 * Loads the synthetic demo: the four demo extracts as the extract pipeline normalised them (see
 * demo-tables.ts), marked as demo data. Returns the number of records.
 */
export async function loadDemo(session: DbSession): Promise<number> {
  await loadDemoTables(session.db, await fetchDemoTables(), localStamp(new Date()).time);
  const [r] = await session.db.query<{ n: number }>(`SELECT sum(rows_loaded)::INTEGER AS n FROM extracts WHERE is_demo`);
  return r?.n ?? 0;
}

export const demoLoadQuery = (session: DbSession | undefined) =>
  queryOptions({
    queryKey: ['demo-load'] as const,
    queryFn: () => {
      if (!session) throw new Error('The database is not ready yet.');
      return loadDemo(session);
    },
    enabled: session !== undefined,
    staleTime: Infinity,
    gcTime: Infinity,
  });

/** Starts the demo load once per page when wanted; refreshes every view when it is in. */
export function useDemoLoader(wanted: boolean) {
  const status = useDbStatus();
  const client = useQueryClient();
  const q = useQuery({ ...demoLoadQuery(status.state === 'ready' ? status.session : undefined), enabled: wanted && status.state === 'ready' });
  useEffect(() => {
    if (q.isSuccess) void client.invalidateQueries({ queryKey: DB_ROOT_KEY });
  }, [q.isSuccess, client]);
  return q;
}

export const demoExtractsQuery = (session: DbSession | undefined) =>
  dbQuery(session?.db, ['demo-extracts'], (db) => db.query<{ extract_id: string; source: string }>(`SELECT extract_id, source FROM extracts WHERE is_demo`));

/** Whether synthetic demo data is loaded now, and a way to remove it. */
export function useDemoPresence() {
  const status = useDbStatus();
  const session = status.state === 'ready' ? status.session : undefined;
  const client = useQueryClient();
  const q = useQuery(demoExtractsQuery(session));
  const remove = async () => {
    if (!session) return;
    for (const x of q.data ?? []) await removeExtract(session.db, x.extract_id, x.source as SourceId);
    await client.invalidateQueries({ queryKey: DB_ROOT_KEY });
  };
  return { loaded: (q.data?.length ?? 0) > 0, remove };
}
