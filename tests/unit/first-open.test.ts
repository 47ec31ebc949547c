import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { loadDemoDatabase } from '@/data/demo-tables';
import { parseFirstOpen, recordFirstOpen, seedFirstOpen, type FirstOpenAnswers } from '@/data/first-open';
import { parseFilters } from '@/data/filters';
import { dbQuery } from '@/data/db-query';
import { dbSessionQuery } from '@/data/use-db';
import { firstOpenQueries } from '@/features/overview/first-open-queries';
import { FIRST_OPEN_FILES } from '@/data/demo-files';
import { overviewQueries } from '@/features/overview/use-overview-data';
import { createLoadedDb, type TestDb } from '../helpers/loaded-db';

// The answers the app shows on first open, before DuckDB is ready, must be DuckDB's own answers
// for the demo today. If this fails after a change to the demo, the reference data or the
// overview's queries, run `npm run demo-tables` and commit the files.

let t: TestDb;
let kept: FirstOpenAnswers;
let keptWy: FirstOpenAnswers;
const read = (file: string) => {
  const parsed = parseFirstOpen(JSON.parse(readFileSync(`data/demo/${file}`, 'utf8')));
  if (!parsed) throw new Error(`data/demo/${file} does not have the expected shape`);
  return parsed;
};
beforeAll(async () => {
  t = await createLoadedDb();
  await loadDemoDatabase(t.db, new Uint8Array(readFileSync('data/demo/demo.duckdb.gz')), '2026-12-05 16:00:00');
  kept = read(FIRST_OPEN_FILES.leeds);
  keptWy = read(FIRST_OPEN_FILES.wy);
}, 120000);
afterAll(() => t.db.close());

const keyText = (key: readonly unknown[]) => JSON.stringify(key);

describe("the demo's first-open answers", () => {
  it('are what DuckDB answers for the demo today, key for key, in Leeds and across West Yorkshire', async () => {
    expect(await recordFirstOpen(firstOpenQueries(t.db, 'leeds'))).toEqual(kept);
    expect(await recordFirstOpen(firstOpenQueries(t.db, 'wy'))).toEqual(keptWy);
  });

  it('for West Yorkshire cover the overview of a link with region=wy', () => {
    const keys = new Set(keptWy.entries.map((e) => keyText(e.key)));
    for (const q of Object.values(overviewQueries(undefined, parseFilters('?region=wy').filters))) expect(keys.has(keyText(q!.queryKey))).toBe(true);
  });

  it('cover every query the overview runs with no filters', () => {
    const keys = new Set(kept.entries.map((e) => keyText(e.key)));
    const overview = Object.values(overviewQueries(undefined, parseFilters('').filters));
    expect(overview.length).toBe(10);
    for (const q of overview) expect(keys.has(keyText(q!.queryKey))).toBe(true);
    expect(keys.has(keyText(['db', 'demo-extracts']))).toBe(true);
  });

  it('count every demo event once, as a plain count of the events gives', async () => {
    const bySource = kept.entries.find((e) => keyText(e.key) === keyText(overviewQueries(undefined, parseFilters('').filters).bySource.queryKey));
    const rows = bySource!.data as { key: string; n: number }[];
    const [plain] = await t.db.query<{ n: number; sources: number }>(`SELECT count(*)::INTEGER AS n, count(DISTINCT source)::INTEGER AS sources FROM events`);
    expect(plain!.n).toBeGreaterThan(10000);
    expect(rows.reduce((sum, r) => sum + r.n, 0)).toBe(plain!.n);
    expect(new Set(rows.map((r) => r.key)).size).toBe(plain!.sources);
  });
});

describe('reading the answers file', () => {
  it('takes entries with a key and an answer', () => {
    expect(parseFirstOpen({ entries: [{ key: ['db', 'x'], data: [1] }] })).toEqual({ entries: [{ key: ['db', 'x'], data: [1] }] });
    expect(parseFirstOpen({ entries: [] })).toEqual({ entries: [] });
  });

  it('refuses anything else whole, so the app waits for DuckDB instead', () => {
    for (const bad of [null, 'text', [], {}, { entries: {} }, { entries: [{ key: 'db', data: 1 }] }, { entries: [{ key: ['db'] }] }, { entries: [{ key: ['db'], data: 1 }, 7] }]) {
      expect(parseFirstOpen(bad)).toBeNull();
    }
  });
});

describe('putting the answers in the cache', () => {
  const answers: FirstOpenAnswers = {
    entries: [
      { key: ['db', 'a'], data: [{ n: 1 }] },
      { key: ['db', 'b'], data: { first: '2019-01' } },
    ],
  };

  it('while the database starts, fills the keys that have no answer and leaves the others', () => {
    const client = new QueryClient();
    client.setQueryData(['db', 'b'], { first: 'live' });
    expect(seedFirstOpen(client, answers)).toBe(1);
    expect(client.getQueryData(['db', 'a'])).toEqual([{ n: 1 }]);
    expect(client.getQueryData(['db', 'b'])).toEqual({ first: 'live' });
  });

  it('puts nothing in once the database is ready, or has failed', async () => {
    const ready = new QueryClient();
    // the session's key with an answer: what the app has once the database is ready
    await ready.fetchQuery({ queryKey: [...dbSessionQuery.queryKey], queryFn: async () => 'ready' });
    expect(ready.getQueryState(dbSessionQuery.queryKey)?.status).toBe('success');
    expect(seedFirstOpen(ready, answers)).toBe(0);
    expect(ready.getQueryData(['db', 'a'])).toBeUndefined();

    const failed = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    await failed.fetchQuery({ queryKey: [...dbSessionQuery.queryKey], queryFn: () => Promise.reject(new Error('no WebAssembly')) }).catch(() => undefined);
    expect(failed.getQueryState(dbSessionQuery.queryKey)?.status).toBe('error');
    expect(seedFirstOpen(failed, answers)).toBe(0);
  });
});

describe('a query before the database is ready', () => {
  it("shows a kept answer for its own key only, never another key's as a stand-in", () => {
    const client = new QueryClient();
    client.setQueryData(['db', 'n', 1], 10);
    const observer = new QueryObserver(client, dbQuery(undefined, ['n', 1], async () => 0));
    expect(observer.getCurrentResult().data).toBe(10);
    observer.setOptions(dbQuery(undefined, ['n', 2], async () => 0));
    expect(observer.getCurrentResult()).toMatchObject({ data: undefined, isPending: true, isPlaceholderData: false });
  });

  it('once the database is ready, keeps the last answer on screen while a changed query runs', async () => {
    const client = new QueryClient();
    const observer = new QueryObserver(client, dbQuery(t.db, ['n', 1], async () => 10));
    const unsubscribe = observer.subscribe(() => undefined);
    await observer.refetch();
    expect(observer.getCurrentResult().data).toBe(10);
    observer.setOptions(dbQuery(t.db, ['n', 2], () => new Promise<number>(() => undefined)));
    expect(observer.getCurrentResult()).toMatchObject({ data: 10, isPlaceholderData: true });
    unsubscribe();
  });
});
