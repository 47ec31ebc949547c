#!/usr/bin/env node
// Loads the synthetic demo extracts (data/demo/*.csv.gz) through the app's own extract pipeline, in
// DuckDB under Node, and writes the resulting tables to data/demo/tables/*.csv.gz, which the app
// reads on first open. A unit test checks that these files equal what the pipeline gives today, so
// rerun this (npm run demo-tables) after changing the demo data or the pipeline.
import { createServer } from 'vite';
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';

const server = await createServer({ server: { middlewareMode: true, hmr: false, watch: null }, appType: 'custom', logLevel: 'warn' });
try {
  const { createLoadedDb, loadBytes } = await server.ssrLoadModule('/tests/helpers/loaded-db.ts');
  const { DEMO_SOURCES, DEMO_TABLES, demoExtractId, demoTableCopySql } = await server.ssrLoadModule('/src/data/demo-tables.ts');
  const t = await createLoadedDb();
  for (const source of DEMO_SOURCES) {
    const bytes = readFileSync(`data/demo/${source}.csv.gz`);
    const report = await loadBytes(t, `synthetic-demo-${source}.csv.gz`, bytes, { source });
    // fixed ids, so the files do not change from one run to the next
    for (const table of [source, 'extracts', 'load_warnings', 'load_rejections']) {
      await t.db.query(`UPDATE ${table} SET extract_id = ? WHERE extract_id = ?`, [demoExtractId(source), report.extractId]);
    }
    console.log(`${source}: ${report.rowsLoaded} rows loaded, ${report.rowsRejected} rejected`);
  }
  // the app sets the time of loading when it reads them
  await t.db.exec(`UPDATE extracts SET is_demo = true, loaded_at = TIMESTAMP '2000-01-01 00:00:00'`);
  mkdirSync('data/demo/tables', { recursive: true });
  for (const table of DEMO_TABLES) {
    // the Node build writes COPY ... TO files in the working directory
    const tmp = `demo-table-${table}.csv.gz`;
    await t.db.exec(demoTableCopySql(table, tmp));
    const out = path.join('data/demo/tables', `${table}.csv.gz`);
    renameSync(tmp, out);
    console.log(`wrote ${out}`);
  }
  t.db.close();
} finally {
  await server.close();
}
