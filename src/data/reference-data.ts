import type { ColumnSpec, Db } from './db-types';
import type { BoundaryCollection } from './place';
import { withDatabaseFile } from './database-file';
import { sqlString } from '@/lib/sql';

/** The reference CSVs the app ships (made by scripts/build-reference-data.mjs) and their tables. */
export const REFERENCE_CSVS: readonly (readonly [file: string, table: string])[] = [
  ['lsoa.csv', 'ref_lsoa'],
  ['msoa.csv', 'ref_msoa'],
  ['ward.csv', 'ref_ward'],
  ['district.csv', 'ref_district'],
  ['lsoa-ethnicity.csv', 'ref_lsoa_ethnicity'],
  ['lsoa11-changed.csv', 'ref_lsoa11_changed'],
];

/** The boundary files and the level each gives ref_boundaries. */
export const BOUNDARY_FILES: readonly (readonly [file: string, level: string])[] = [
  ['lsoa21.geojson', 'lsoa'],
  ['msoa21.geojson', 'msoa'],
  ['wards.geojson', 'ward'],
  ['districts.geojson', 'district'],
];

export const REFERENCE_TABLES: readonly string[] = [...REFERENCE_CSVS.map(([, table]) => table), 'ref_boundaries'];

/** Makes a reference table from its CSV, its columns' types detected by DuckDB. */
export function referenceCsvSql(table: string, file: string): string {
  if (!REFERENCE_TABLES.includes(table)) throw new Error(`Not a reference table: ${table}`);
  return `CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_csv(${sqlString(file)}, header = true, auto_detect = true)`;
}

/** The columns of ref_boundaries: each boundary's level, code, name, district and geometry (GeoJSON text). */
export function boundaryColumns(levels: readonly (readonly [level: string, boundaries: BoundaryCollection])[]): ColumnSpec[] {
  const level: string[] = [];
  const code: string[] = [];
  const name: string[] = [];
  const lad: (string | null)[] = [];
  const geometry: string[] = [];
  for (const [lv, fc] of levels) {
    for (const f of fc.features) {
      level.push(lv);
      code.push(f.properties.code);
      name.push(f.properties.name ?? '');
      lad.push(f.properties.lad ?? null);
      geometry.push(JSON.stringify(f.geometry));
    }
  }
  return [
    { name: 'level', type: 'VARCHAR', values: level },
    { name: 'code', type: 'VARCHAR', values: code },
    { name: 'name', type: 'VARCHAR', values: name },
    { name: 'lad24cd', type: 'VARCHAR', values: lad },
    { name: 'geometry', type: 'VARCHAR', values: geometry },
  ];
}

/** What the app fetches for its reference data. */
export interface ReferenceFiles {
  /** reference.duckdb.gz: every reference table, made by scripts/build-reference-database.mjs */
  database: Uint8Array;
  /** the LSOA boundaries, to place points in LSOAs */
  lsoaBoundaries: BoundaryCollection;
}

/** Loads the reference tables: lookups, populations, deprivation and boundaries (as GeoJSON text). */
export async function loadReferenceData(db: Db, files: ReferenceFiles): Promise<void> {
  await withDatabaseFile(db, '_vrp_reference', files.database, () =>
    db.exec(REFERENCE_TABLES.map((t) => `CREATE OR REPLACE TABLE ${t} AS SELECT * FROM _vrp_reference.${t}`).join(';\n')),
  );
}
