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

  it('holds West Yorkshire’s 1,404 LSOAs, 301 MSOAs, 124 wards and 5 districts (Leeds 488, 107, 33), with a boundary for each', async () => {
    const n = (sql: string) => fromFile.db.query(sql).then((r) => r[0]);
    const counts = (where: string) =>
      n(`SELECT (SELECT count(*) FROM ref_lsoa WHERE ${where})::INTEGER AS l, (SELECT count(*) FROM ref_msoa WHERE ${where})::INTEGER AS m,
        (SELECT count(*) FROM ref_ward WHERE ${where})::INTEGER AS w, (SELECT count(*) FROM ref_district WHERE ${where})::INTEGER AS d`);
    expect(await counts('true')).toEqual({ l: 1404, m: 301, w: 124, d: 5 });
    expect(await counts(`lad24cd = 'E08000035'`)).toEqual({ l: 488, m: 107, w: 33, d: 1 });
    expect(await fromFile.db.query(`SELECT level, count(*)::INTEGER AS n, count(*) FILTER (WHERE lad24cd = 'E08000035')::INTEGER AS leeds FROM ref_boundaries GROUP BY level ORDER BY level`)).toEqual([
      { level: 'district', n: 5, leeds: 1 },
      { level: 'lsoa', n: 1404, leeds: 488 },
      { level: 'msoa', n: 301, leeds: 107 },
      { level: 'ward', n: 124, leeds: 33 },
    ]);
    // every boundary is a reference area of its level, and the other way round
    expect(await n(`SELECT count(*)::INTEGER AS missing FROM ref_lsoa l FULL JOIN (SELECT code FROM ref_boundaries WHERE level = 'lsoa') b ON b.code = l.lsoa21cd WHERE b.code IS NULL OR l.lsoa21cd IS NULL`)).toEqual({ missing: 0 });
    // districts' residents are their LSOAs' (Census 2021; IMD 2025 deciles 1–10 for every LSOA)
    expect(await n(`SELECT count(*)::INTEGER AS bad FROM ref_district d WHERE population <> (SELECT sum(population) FROM ref_lsoa l WHERE l.lad24cd = d.lad24cd)`)).toEqual({ bad: 0 });
    expect(await n(`SELECT min(imd_decile) AS lo, max(imd_decile) AS hi, count(imd_decile)::INTEGER AS n FROM ref_lsoa`)).toEqual({ lo: 1, hi: 10, n: 1404 });
  });

  it('is let go once copied: nothing stays attached', async () => {
    expect(await fromFile.db.query(`SELECT database_name FROM duckdb_databases() WHERE NOT internal ORDER BY 1`)).toEqual([{ database_name: 'memory' }]);
  });
});
