#!/usr/bin/env node
// Makes data/reference/reference.duckdb.gz, the reference tables the app attaches on start-up,
// from the files that build-reference-data.mjs writes to data/reference/ (the CSVs and the
// boundaries). A unit test checks that the database holds exactly what those files give.
import { createServer } from 'vite';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeDuckdbFile } from './duckdb-file.mjs';

const server = await createServer({ server: { middlewareMode: true, hmr: false, watch: null }, appType: 'custom', logLevel: 'warn' });
const work = mkdtempSync(path.join(tmpdir(), 'vrp-reference-'));
try {
  const { REFERENCE_CSVS, BOUNDARY_FILES, referenceCsvSql, boundaryColumns } = await server.ssrLoadModule('/src/data/reference-data.ts');
  const { columnsToCsv, tableFromCsvSql } = await server.ssrLoadModule('/src/data/columns-table.ts');
  const dir = path.resolve('data/reference');
  const columns = boundaryColumns(BOUNDARY_FILES.map(([file, level]) => [level, JSON.parse(readFileSync(path.join(dir, file), 'utf8'))]));
  const boundaries = path.join(work, 'boundaries.csv');
  writeFileSync(boundaries, columnsToCsv(columns));
  const out = path.join(dir, 'reference.duckdb.gz');
  await writeDuckdbFile(out, async (run) => {
    for (const [file, table] of REFERENCE_CSVS) await run(referenceCsvSql(table, path.join(dir, file)));
    await run(tableFromCsvSql('_boundaries', boundaries, columns));
    await run('CREATE TABLE ref_boundaries AS SELECT * FROM _boundaries');
  });
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
  await server.close();
}
