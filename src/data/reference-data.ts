import type { Db } from './db-types';
import type { BoundaryCollection } from './place';
import { sqlString } from '@/lib/sql';

/** The reference files the app ships (made by scripts/build-reference-data.mjs). */
export interface ReferenceFiles {
  lsoaCsv: string;
  msoaCsv: string;
  wardCsv: string;
  ethnicityCsv: string;
  lsoaBoundaries: BoundaryCollection;
  msoaBoundaries: BoundaryCollection;
  wardBoundaries: BoundaryCollection;
}

const CSV_TABLES: [keyof ReferenceFiles, string][] = [
  ['lsoaCsv', 'ref_lsoa'],
  ['msoaCsv', 'ref_msoa'],
  ['wardCsv', 'ref_ward'],
  ['ethnicityCsv', 'ref_population_ethnicity'],
];

/** Loads the reference tables: lookups, populations, deprivation and boundaries (as GeoJSON text). */
export async function loadReferenceData(db: Db, files: ReferenceFiles): Promise<void> {
  const enc = new TextEncoder();
  for (const [key, table] of CSV_TABLES) {
    const name = `${table}.csv`;
    await db.registerFile(name, enc.encode(files[key] as string));
    await db.exec(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_csv(${sqlString(name)}, header = true, auto_detect = true)`);
    await db.dropFile(name);
  }
  const levels: [string, BoundaryCollection][] = [
    ['lsoa', files.lsoaBoundaries],
    ['msoa', files.msoaBoundaries],
    ['ward', files.wardBoundaries],
  ];
  const level: string[] = [];
  const code: string[] = [];
  const name: string[] = [];
  const geometry: string[] = [];
  for (const [lv, fc] of levels) {
    for (const f of fc.features) {
      level.push(lv);
      code.push(f.properties.code);
      name.push(f.properties.name ?? '');
      geometry.push(JSON.stringify(f.geometry));
    }
  }
  await db.createTableFromColumns('_ref_boundaries', [
    { name: 'level', type: 'VARCHAR', values: level },
    { name: 'code', type: 'VARCHAR', values: code },
    { name: 'name', type: 'VARCHAR', values: name },
    { name: 'geometry', type: 'VARCHAR', values: geometry },
  ]);
  await db.exec('CREATE OR REPLACE TABLE ref_boundaries AS SELECT * FROM _ref_boundaries; DROP TABLE _ref_boundaries');
}
