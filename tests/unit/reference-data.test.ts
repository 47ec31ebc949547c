import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createNodeDb, type NodeDb } from '../helpers/node-db';
import { createLoadedDb, type TestDb } from '../helpers/loaded-db';
import { BOUNDARY_FILES, boundaryColumns, REFERENCE_CSVS, referenceCsvSql } from '@/data/reference-data';
import type { BoundaryCollection } from '@/data/place';

// The app copies its reference tables out of data/reference/reference.duckdb.gz. That file must
// hold exactly what the reference CSVs and boundaries beside it give; if this fails after they
// change, run `npm run reference-data` and commit the files.

let fromFile: TestDb;
let fromCsv: NodeDb;
beforeAll(async () => {
  fromFile = await createLoadedDb();
  fromCsv = await createNodeDb();
  for (const [file, table] of REFERENCE_CSVS) {
    await fromCsv.registerFile(file, readFileSync(path.join('data/reference', file)));
    await fromCsv.exec(referenceCsvSql(table, file));
  }
  const levels = BOUNDARY_FILES.map(([file, level]) => [level, JSON.parse(readFileSync(path.join('data/reference', file), 'utf8')) as BoundaryCollection] as const);
  await fromCsv.createTableFromColumns('ref_boundaries', boundaryColumns(levels));
});
afterAll(() => {
  fromFile.db.close();
  fromCsv.close();
});

const columns = (db: NodeDb, table: string) =>
  db.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position`, [table]);
const rows = (db: NodeDb, table: string) => db.query(`SELECT * FROM ${table} ORDER BY ALL`);

describe('the reference database', () => {
  it.each([...REFERENCE_CSVS.map(([, table]) => table), 'ref_boundaries'])('%s has the columns, types and rows its files give', async (table) => {
    expect(await columns(fromFile.db, table)).toEqual(await columns(fromCsv, table));
    const expected = await rows(fromCsv, table);
    expect(expected.length).toBeGreaterThan(0);
    expect(await rows(fromFile.db, table)).toEqual(expected);
  });

  it('holds the 488 LSOAs, 107 MSOAs and 33 wards of Leeds, with a boundary for each', async () => {
    const n = (sql: string) => fromFile.db.query(sql).then((r) => r[0]);
    expect(await n(`SELECT (SELECT count(*) FROM ref_lsoa)::INTEGER AS l, (SELECT count(*) FROM ref_msoa)::INTEGER AS m, (SELECT count(*) FROM ref_ward)::INTEGER AS w`)).toEqual({ l: 488, m: 107, w: 33 });
    expect(await fromFile.db.query(`SELECT level, count(*)::INTEGER AS n FROM ref_boundaries GROUP BY level ORDER BY level`)).toEqual([
      { level: 'lsoa', n: 488 },
      { level: 'msoa', n: 107 },
      { level: 'ward', n: 33 },
    ]);
  });

  it('is let go once copied: nothing stays attached', async () => {
    expect(await fromFile.db.query(`SELECT database_name FROM duckdb_databases() WHERE NOT internal ORDER BY 1`)).toEqual([{ database_name: 'memory' }]);
  });
});
