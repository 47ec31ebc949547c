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

/**
 * The union of every source with the contract's columns, as a view. `events` reads a stored copy
 * of it (`_events_store`), refreshed for a source whenever that source's rows change: every view
 * queries `events` many times per filter change, and re-running the union and the reference join
 * each time cost several times more than reading the stored rows.
 */
export function eventsSourceViewSql(): string {
  const parts = SOURCE_IDS.map((id) => {
    const e = SOURCE_DEFS[id].events;
    return `SELECT '${id}' AS source, s.record_ref, ${e.person_ref}::VARCHAR AS person_ref, s.event_date,
      date_trunc('month', s.event_date)::DATE AS event_month, ${e.event_hour}::INTEGER AS event_hour,
      s.lsoa21cd, r.msoa21cd, r.ward_code, s.in_area, s.latitude, s.longitude,
      ${e.age}::INTEGER AS age, ${e.age_band}::VARCHAR AS age_band, ${e.sex}::VARCHAR AS sex, ${e.ethnicity}::VARCHAR AS ethnicity,
      ${e.weapon}::VARCHAR AS weapon, ${e.category}::VARCHAR AS category, ${e.role}::VARCHAR AS role
    FROM ${id} s LEFT JOIN ref_lsoa r ON r.lsoa21cd = s.lsoa21cd`;
  });
  return `CREATE OR REPLACE VIEW _events_source AS\n${parts.join('\nUNION ALL\n')}`;
}

export const EVENTS_STORE_DDL = `CREATE TABLE IF NOT EXISTS _events_store AS SELECT * FROM _events_source WHERE FALSE;
CREATE OR REPLACE VIEW events AS SELECT * FROM _events_store`;

/** Statements that bring the stored events of one source up to date (run inside the change's transaction). */
export function refreshEventsSql(source: SourceId): string[] {
  if (!SOURCE_IDS.includes(source)) throw new Error(`Unknown source ${source}`);
  return [`DELETE FROM _events_store WHERE source = '${source}'`, `INSERT INTO _events_store SELECT * FROM _events_source WHERE source = '${source}'`];
}

/** Rebuilds every stored event, after changes made outside the loaders (e.g. in the SQL console). */
export const REBUILD_EVENTS_SQL = `BEGIN TRANSACTION; DELETE FROM _events_store; INSERT INTO _events_store SELECT * FROM _events_source; COMMIT`;

export const BOOKKEEPING_DDL = `
CREATE TABLE IF NOT EXISTS extracts (
  extract_id VARCHAR PRIMARY KEY, source VARCHAR, file_name VARCHAR, file_size BIGINT,
  rows_read INTEGER, rows_loaded INTEGER, rows_rejected INTEGER, rows_duplicate INTEGER,
  loaded_at TIMESTAMP, is_demo BOOLEAN);
CREATE TABLE IF NOT EXISTS load_rejections (extract_id VARCHAR, line INTEGER, reason VARCHAR, record VARCHAR);
CREATE TABLE IF NOT EXISTS load_warnings (extract_id VARCHAR, kind VARCHAR, count INTEGER, example VARCHAR);
`;

export function createSchemaSql(): string {
  return [BOOKKEEPING_DDL, ...SOURCE_IDS.map(sourceTableDdl), eventsSourceViewSql(), EVENTS_STORE_DDL].join(';\n');
}
