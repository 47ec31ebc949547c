#!/usr/bin/env node
// Loads the synthetic demo extracts (data/demo/*.csv.gz) through the app's own extract pipeline, in
// DuckDB under Node, and writes the resulting tables, stored events included, to
// data/demo/demo.duckdb.gz, the database file the app copies them from on first open. A unit test
// checks that the file holds what the pipeline gives today, so rerun this (npm run demo-tables)
// after changing the demo data, the pipeline or the reference data.
import { createServer } from 'vite';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeDuckdbFile } from './duckdb-file.mjs';

const server = await createServer({ server: { middlewareMode: true, hmr: false, watch: null }, appType: 'custom', logLevel: 'warn' });
const work = mkdtempSync(path.join(tmpdir(), 'vrp-demo-'));
try {
  const { createLoadedDb, loadBytes } = await server.ssrLoadModule('/tests/helpers/loaded-db.ts');
  const { DEMO_SOURCES, DEMO_TABLES, demoExtractId } = await server.ssrLoadModule('/src/data/demo-tables.ts');
  const { vocabularyTypesSql } = await server.ssrLoadModule('/src/data/vocabularies.ts');
  const { sqlString } = await server.ssrLoadModule('/src/lib/sql.ts');
  const t = await createLoadedDb();
  for (const source of DEMO_SOURCES) {
    const bytes = readFileSync(`data/demo/${source}.csv.gz`);
    const report = await loadBytes(t, `synthetic-demo-${source}.csv.gz`, bytes, { source });
    // fixed ids, so the file does not change from one run to the next
    for (const table of [source, 'extracts', 'load_warnings', 'load_rejections']) {
      await t.db.query(`UPDATE ${table} SET extract_id = ? WHERE extract_id = ?`, [demoExtractId(source), report.extractId]);
    }
    console.log(`${source}: ${report.rowsLoaded} rows loaded, ${report.rowsRejected} rejected`);
  }
  // the app sets the time of loading when it reads them
  await t.db.exec(`UPDATE extracts SET is_demo = true, loaded_at = TIMESTAMP '2000-01-01 00:00:00'`);
  // Each table goes to the native DuckDB as CSV, in the app's own column types, in a fixed order.
  const tables = [];
  for (const table of DEMO_TABLES) {
    const csv = path.join(work, `${table}.csv`);
    const order = DEMO_SOURCES.includes(table) ? 'line' : table === 'extracts' ? 'source' : table === '_events_store' ? 'source, record_ref' : 'extract_id, 2, 3';
    // the Node build writes COPY ... TO files itself
    await t.db.exec(`COPY (SELECT * FROM ${table} ORDER BY ${order}) TO ${sqlString(csv)} (HEADER, DELIMITER ',')`);
    const [{ ddl }] = await t.db.query(`SELECT sql AS ddl FROM duckdb_tables() WHERE table_name = ?`, [table]);
    tables.push({ table, csv, ddl });
  }
  t.db.close();
  const out = 'data/demo/demo.duckdb.gz';
  await writeDuckdbFile(out, async (run) => {
    await run(vocabularyTypesSql());
    for (const { table, csv, ddl } of tables) {
      await run(ddl);
      // every column read as text and cast by the table's own types; a quoted empty value stays
      // an empty string, an unquoted one is NULL
      await run(`INSERT INTO ${table} BY NAME SELECT * FROM read_csv(${sqlString(csv)}, header = true, all_varchar = true,
        delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, strict_mode = true)`);
    }
  });
  console.log(`wrote ${out}`);
} finally {
  rmSync(work, { recursive: true, force: true });
  await server.close();
}
