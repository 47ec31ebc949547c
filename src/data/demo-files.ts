import demoUrl from '../../data/demo/demo.duckdb.gz?url';
import firstOpenUrl from '../../data/demo/first-open.json?url';
import firstOpenWyUrl from '../../data/demo/first-open-wy.json?url';
import type { Region } from './region';
import type { Db } from './db-types';
import { parseFirstOpen, type FirstOpenAnswers } from './first-open';
import { localStamp } from '@/lib/local-time';
import { loadDemoDatabase } from './demo-tables';
import { readKeptNote } from './kept-data';

/**
 * `?demo=0` opens the app with nothing loaded; data kept from an earlier visit (kept-data.ts) is
 * loaded instead of the demo.
 */
export function demoWanted(search: string, kept: boolean = readKeptNote() !== null): boolean {
  return !kept && new URLSearchParams(search).get('demo') !== '0';
}

let fetching: Promise<Uint8Array> | null = null;

/** Fetches the demo's database file once (same origin); started early, while DuckDB is still starting. */
export function fetchDemoDatabase(): Promise<Uint8Array> {
  fetching ??= fetch(demoUrl).then(async (res) => {
    if (!res.ok) throw new Error(`The demo data could not be read (HTTP ${res.status})`);
    return new Uint8Array(await res.arrayBuffer());
  });
  fetching.catch(() => {
    fetching = null;
  });
  return fetching;
}

/** The demo's first-open answers for each region, in data/demo/ (scripts/build-first-open.mjs). */
export const FIRST_OPEN_FILES: Readonly<Record<Region, string>> = { leeds: 'first-open.json', wy: 'first-open-wy.json' };
const FIRST_OPEN_URLS: Readonly<Record<Region, string>> = { leeds: firstOpenUrl, wy: firstOpenWyUrl };

let fetchingAnswers: Promise<FirstOpenAnswers | null> | null = null;

/**
 * Fetches the demo's first-open answers for the region of the opening link, once (same origin;
 * see first-open.ts). Null when they cannot be had: the overview then waits for DuckDB's own
 * answers, as any other view does.
 */
export function fetchFirstOpenAnswers(region: Region): Promise<FirstOpenAnswers | null> {
  fetchingAnswers ??= fetch(FIRST_OPEN_URLS[region])
    .then(async (res) => (res.ok ? parseFirstOpen(await res.json()) : null))
    .catch(() => null);
  return fetchingAnswers;
}

/**
 * Loads the synthetic demo: the four demo extracts as the extract pipeline normalised them (see
 * demo-tables.ts), marked as demo data and stamped as loaded now.
 */
export async function loadDemo(db: Db): Promise<void> {
  await loadDemoDatabase(db, await fetchDemoDatabase(), localStamp(new Date()).time);
}
