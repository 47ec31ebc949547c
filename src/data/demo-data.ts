import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import policeUrl from '../../data/demo/police.csv.gz?url';
import ambulanceUrl from '../../data/demo/ambulance.csv.gz?url';
import edUrl from '../../data/demo/ed.csv.gz?url';
import yjsUrl from '../../data/demo/yjs.csv.gz?url';
import { DB_ROOT_KEY, useDbStatus, type DbSession } from './use-db';
import { inspectFile } from './ingest/inspect-file';
import { loadFile } from './ingest/load-file';
import { removeExtract } from './ingest/extracts';
import { dbQuery } from './db-query';
import type { SourceId } from './ingest/contracts';

const DEMO_FILES: [string, string][] = [
  ['police.csv.gz', policeUrl],
  ['ambulance.csv.gz', ambulanceUrl],
  ['ed.csv.gz', edUrl],
  ['yjs.csv.gz', yjsUrl],
];

/** `?demo=0` opens the app with nothing loaded. */
export function demoWanted(search: string): boolean {
  return new URLSearchParams(search).get('demo') !== '0';
}

/**
 * Loads the synthetic demo extracts through exactly the path a user's files take: the same file
 * recognition, validation and normalisation, marked as demo data.
 */
export async function loadDemo(session: DbSession): Promise<number> {
  let rows = 0;
  for (const [name, url] of DEMO_FILES) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`Demo file ${name} could not be read (HTTP ${res.status})`);
    const file = new File([await res.blob()], `synthetic-demo-${name}`, { type: 'application/gzip' });
    const inspection = await inspectFile(file);
    if (!inspection.ok) throw new Error(`Demo file ${name}: ${inspection.problem}`);
    const { inspected } = inspection;
    if (!inspected.detected || !inspected.mappings) throw new Error(`Demo file ${name} was not recognised`);
    const report = await loadFile(session, inspected, { source: inspected.detected, mapping: inspected.mappings[inspected.detected], isDemo: true }, () => undefined);
    rows += report.rowsLoaded;
  }
  return rows;
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
