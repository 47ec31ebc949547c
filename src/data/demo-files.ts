import policeUrl from '../../data/demo/tables/police.csv.gz?url';
import ambulanceUrl from '../../data/demo/tables/ambulance.csv.gz?url';
import edUrl from '../../data/demo/tables/ed.csv.gz?url';
import yjsUrl from '../../data/demo/tables/yjs.csv.gz?url';
import extractsUrl from '../../data/demo/tables/extracts.csv.gz?url';
import warningsUrl from '../../data/demo/tables/load_warnings.csv.gz?url';
import rejectionsUrl from '../../data/demo/tables/load_rejections.csv.gz?url';
import type { Db } from './db-types';
import { localStamp } from '@/lib/local-time';
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
 * demo-tables.ts), marked as demo data and stamped as loaded now.
 */
export async function loadDemo(db: Db): Promise<void> {
  await loadDemoTables(db, await fetchDemoTables(), localStamp(new Date()).time);
}
