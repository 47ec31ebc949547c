import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createLoadedDb, loadBytes } from '../helpers/loaded-db';
it('prof', async () => {
  const t = await createLoadedDb();
  const times: [number, string][] = [];
  for (const k of ['exec', 'query', 'createTableFromColumns'] as const) {
    const orig = (t.db[k] as (...a: unknown[]) => Promise<unknown>).bind(t.db);
    (t.db as unknown as Record<string, unknown>)[k] = async (...a: unknown[]) => { const s = performance.now(); const r = await orig(...a); times.push([performance.now() - s, `${k}: ${String(a[0]).replace(/\s+/g, ' ').slice(0, 100)}`]); return r; };
  }
  const s0 = performance.now();
  await loadBytes(t, `police.csv`, readFileSync(`/tmp/police-1m.csv`));
  console.log('TOTAL', performance.now() - s0);
  console.log(times.sort((a, b) => b[0] - a[0]).slice(0, 12).map(([ms, q]) => `${ms.toFixed(0).padStart(6)} ${q}`).join('\n'));
}, 300000);
