#!/usr/bin/env node
// Reads the demo's database file (data/demo/demo.duckdb.gz) into DuckDB under Node as the app does
// on first open, runs the queries of that first view (the overview at `/`, no filters) through the
// app's own query builders, and writes their keys and answers to data/demo/first-open.json (Leeds)
// and first-open-wy.json (West Yorkshire, for a link with region=wy). The app
// shows these while DuckDB starts. A unit test checks the file against DuckDB's answers today, so
// rerun this (npm run demo-tables does) after changing the demo, the reference data or those queries.
import { createServer } from 'vite';
import { readFileSync, writeFileSync } from 'node:fs';

const server = await createServer({ server: { middlewareMode: true, hmr: false, watch: null }, appType: 'custom', logLevel: 'warn' });
try {
  const { createLoadedDb } = await server.ssrLoadModule('/tests/helpers/loaded-db.ts');
  const { loadDemoDatabase } = await server.ssrLoadModule('/src/data/demo-tables.ts');
  const { recordFirstOpen } = await server.ssrLoadModule('/src/data/first-open.ts');
  const { firstOpenQueries } = await server.ssrLoadModule('/src/features/overview/first-open-queries.ts');
  const t = await createLoadedDb();
  // the time of loading is not part of any answer kept
  await loadDemoDatabase(t.db, new Uint8Array(readFileSync('data/demo/demo.duckdb.gz')), '2000-01-01 00:00:00');
  const { FIRST_OPEN_FILES } = await server.ssrLoadModule('/src/data/demo-files.ts');
  for (const [region, file] of Object.entries(FIRST_OPEN_FILES)) {
    const { entries } = await recordFirstOpen(firstOpenQueries(t.db, region));
    const out = `data/demo/${file}`;
    // one entry a line, so a change shows as the answers it touches
    writeFileSync(out, `{"entries":[\n${entries.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`);
    console.log(`wrote ${out}: ${entries.length} answers`);
  }
  t.db.close();
} finally {
  await server.close();
}
