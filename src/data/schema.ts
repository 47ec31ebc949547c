import { SOURCE_DEFS, type OutputColumn, type SqlType } from './ingest/source-defs';
import { SOURCE_IDS, type SourceId } from './ingest/contracts';

/** Columns every source table starts with, before its own contract columns. */
export const COMMON_COLUMNS: readonly { name: string; type: SqlType }[] = [
  { name: 'extract_id', type: 'VARCHAR' },
  { name: 'line', type: 'INTEGER' },
  { name: 'record_ref', type: 'VARCHAR' },
  { name: 'event_date', type: 'DATE' },
  { name: 'event_hour', type: 'INTEGER' },
  { name: 'lsoa21cd', type: 'VARCHAR' },
  { name: 'in_area', type: 'BOOLEAN' },
  { name: 'latitude', type: 'DOUBLE' },
  { name: 'longitude', type: 'DOUBLE' },
  { name: 'easting', type: 'DOUBLE' },
  { name: 'northing', type: 'DOUBLE' },
];

export function sourceColumns(source: SourceId): readonly OutputColumn[] {
  return SOURCE_DEFS[source].columns;
}

export function sourceTableDdl(source: SourceId): string {
  const cols = [...COMMON_COLUMNS, ...sourceColumns(source)].map((c) => `"${c.name}" ${c.type}`).join(', ');
  return `CREATE TABLE IF NOT EXISTS ${source} (${cols})`;
}

/** The `events` view: one row per record of every source, with the contract's columns. */
export function eventsViewSql(): string {
  const parts = SOURCE_IDS.map((id) => {
    const e = SOURCE_DEFS[id].events;
    return `SELECT '${id}' AS source, s.record_ref, ${e.person_ref}::VARCHAR AS person_ref, s.event_date,
      date_trunc('month', s.event_date)::DATE AS event_month, ${e.event_hour}::INTEGER AS event_hour,
      s.lsoa21cd, r.msoa21cd, r.ward_code, s.in_area, s.latitude, s.longitude,
      ${e.age}::INTEGER AS age, ${e.age_band}::VARCHAR AS age_band, ${e.sex}::VARCHAR AS sex, ${e.ethnicity}::VARCHAR AS ethnicity,
      ${e.weapon}::VARCHAR AS weapon, ${e.category}::VARCHAR AS category, ${e.role}::VARCHAR AS role
    FROM ${id} s LEFT JOIN ref_lsoa r ON r.lsoa21cd = s.lsoa21cd`;
  });
  return `CREATE OR REPLACE VIEW events AS\n${parts.join('\nUNION ALL\n')}`;
}

export const BOOKKEEPING_DDL = `
CREATE TABLE IF NOT EXISTS extracts (
  extract_id VARCHAR PRIMARY KEY, source VARCHAR, file_name VARCHAR, file_size BIGINT,
  rows_read INTEGER, rows_loaded INTEGER, rows_rejected INTEGER, rows_duplicate INTEGER,
  loaded_at TIMESTAMP, is_demo BOOLEAN);
CREATE TABLE IF NOT EXISTS load_rejections (extract_id VARCHAR, line INTEGER, reason VARCHAR, record VARCHAR);
CREATE TABLE IF NOT EXISTS load_warnings (extract_id VARCHAR, kind VARCHAR, count INTEGER, example VARCHAR);
`;

export function createSchemaSql(): string {
  return [BOOKKEEPING_DDL, ...SOURCE_IDS.map(sourceTableDdl), eventsViewSql()].join(';\n');
}
