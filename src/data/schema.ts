import { SOURCE_DEFS, type OutputColumn, type SqlType } from './ingest/source-defs';
import { SOURCE_IDS, type SourceId } from './ingest/contracts';
import { vocabularyTypesSql, type Vocabulary } from './vocabularies';
import { REGIONS, type Region } from './region';

/** Columns every source table starts with, before its own contract columns. */
export const COMMON_COLUMNS: readonly { name: string; type: SqlType }[] = [
  { name: 'extract_id', type: 'VARCHAR' },
  { name: 'line', type: 'INTEGER' },
  { name: 'record_ref', type: 'VARCHAR' },
  { name: 'event_date', type: 'DATE' },
  { name: 'event_hour', type: 'INTEGER' },
  { name: 'lsoa21cd', type: 'VARCHAR' },
  { name: 'lad24cd', type: 'VARCHAR' },
  { name: 'ward_code', type: 'VARCHAR' },
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
 * The stored events behind `events` (see eventsSourceViewSql). The views' SQL reads it directly
 * for its ENUM columns and its internal ones (`pid`, the flags, `police_gap_days`, `lsoa_ix`); analysts and
 * exports use `events`.
 */
export const EVENTS_STORE = '_events_store';

/** The events contract's columns, in its order. */
export const EVENTS_COLUMNS = [
  'source', 'record_ref', 'person_ref', 'event_date', 'event_month', 'event_hour', 'lsoa21cd', 'msoa21cd', 'ward_code', 'lad24cd', 'in_area',
  'latitude', 'longitude', 'age', 'age_band', 'sex', 'ethnicity', 'weapon', 'category', 'role',
] as const;

/**
 * Columns whose values the contract closes. The stored events keep them as ENUMs, because grouping
 * and filtering a million rows on them is three to four times faster than on text; `events` casts
 * them back to the contract's VARCHAR.
 */
export const ENUM_COLUMNS: Readonly<Record<string, Vocabulary>> = {
  source: 'vrp_source',
  age_band: 'vrp_age_band',
  sex: 'vrp_sex',
  ethnicity: 'vrp_ethnicity',
  weapon: 'vrp_weapon',
  role: 'vrp_role',
};

/** Health sources: their events carry how far (in days) the child's nearest police record is. */
export const HEALTH_SOURCES: readonly SourceId[] = ['ed', 'ambulance'];

// Police records of any kind count, whatever the filters: the question is whether the police know
// the child at all.
const POLICE_GAP = `(SELECT min(abs(date_diff('day', p.event_date, s.event_date))) FROM police p WHERE p.person_ref = s.person_ref)`;

/**
 * West Yorkshire's LSOAs numbered 1, 2, … in code order (`lsoa_ix`), with their MSOA, ward and
 * district. The stored
 * events carry their LSOA's number, and figures by area group on it and name the few groups after:
 * grouping a million rows on a small integer took a tenth of the time of grouping on the text of
 * their ward code. A view of ref_lsoa (1,404 rows), so that a change made to it in the SQL console
 * reaches the events when the console rebuilds them.
 */
export const LSOA_INDEX = '_lsoa_index';

export const LSOA_INDEX_DDL = `CREATE OR REPLACE VIEW ${LSOA_INDEX} AS
  SELECT (row_number() OVER (ORDER BY lsoa21cd))::SMALLINT AS lsoa_ix, lsoa21cd, msoa21cd, ward_code, lad24cd FROM ref_lsoa`;

/**
 * The union of every source as `_events_source`, with the contract's columns and more for the
 * views' own use: `pid`, a 64-bit hash of person_ref (linking children on a number is several
 * times faster than on text); the police PPN and YJS first-time-entrant flags, so those figures
 * need no join back to the source tables; for health events `police_gap_days`, the days to the
 * nearest police record of the same child (NULL when there is none), so "no police record within
 * N days" is a comparison instead of a join on every filter change; and `lsoa_ix`, the number of
 * its LSOA in West Yorkshire (NULL outside it or unplaced; see LSOA_INDEX).
 *
 * `events` reads a stored copy of it (`_events_store`), refreshed for a source whenever that
 * source's rows change: every view queries the events many times per filter change, and re-running
 * the union and the reference join each time cost several times more than reading stored rows.
 */
export function eventsSourceViewSql(): string {
  const parts = SOURCE_IDS.map((id) => {
    const e = SOURCE_DEFS[id].events;
    const has = (col: string) => sourceColumns(id).some((c) => c.name === col);
    const cast = (expr: string, col: string) => `(${expr})::${ENUM_COLUMNS[col]!}`;
    return `SELECT ${cast(`'${id}'`, 'source')} AS source, s.record_ref, ${e.person_ref}::VARCHAR AS person_ref, s.event_date,
      date_trunc('month', s.event_date)::DATE AS event_month, ${e.event_hour}::INTEGER AS event_hour,
      s.lsoa21cd, r.msoa21cd, coalesce(r.ward_code, s.ward_code) AS ward_code, s.lad24cd, s.in_area, s.latitude, s.longitude,
      ${e.age}::INTEGER AS age, ${cast(e.age_band, 'age_band')} AS age_band, ${cast(e.sex, 'sex')} AS sex, ${cast(e.ethnicity, 'ethnicity')} AS ethnicity,
      ${cast(e.weapon, 'weapon')} AS weapon, ${e.category}::VARCHAR AS category, ${cast(e.role, 'role')} AS role,
      CASE WHEN ${e.person_ref} IS NOT NULL THEN hash(${e.person_ref}::VARCHAR) END AS pid,
      ${id === 'police' && has('ppn_submitted') ? 's.ppn_submitted' : 'NULL'}::BOOLEAN AS ppn_submitted,
      ${id === 'yjs' && has('first_time_entrant') ? 's.first_time_entrant' : 'NULL'}::BOOLEAN AS first_time_entrant,
      ${HEALTH_SOURCES.includes(id) ? POLICE_GAP : 'NULL'}::INTEGER AS police_gap_days, r.lsoa_ix
    FROM ${id} s LEFT JOIN ${LSOA_INDEX} r ON r.lsoa21cd = s.lsoa21cd`;
  });
  return `CREATE OR REPLACE VIEW _events_source AS\n${parts.join('\nUNION ALL\n')}`;
}

/**
 * The session variable that holds the partnership's area for `events` (`leeds` when unset): the SQL
 * console sets it to the page's region before running a query (see region.ts).
 */
export const REGION_VARIABLE = 'vrp_region';

/** Sets the region `events` follows (a checked constant, never the user's text). */
export function setRegionSql(region: Region): string {
  if (!REGIONS.includes(region)) throw new Error(`Not a region: ${String(region)}`);
  return `SET VARIABLE ${REGION_VARIABLE} = '${region}'`;
}

/**
 * `events` as the contract has it: the stored rows, closed vocabularies as VARCHAR, no internal
 * columns, and `in_area` for the region in REGION_VARIABLE (the stored column is Leeds's).
 */
export function eventsViewSql(): string {
  const inArea = `CASE WHEN getvariable('${REGION_VARIABLE}') = 'wy' THEN lad24cd IS NOT NULL OR in_area ELSE in_area END AS in_area`;
  const cols = EVENTS_COLUMNS.map((c) => (c in ENUM_COLUMNS ? `${c}::VARCHAR AS ${c}` : c === 'in_area' ? inArea : c));
  return `CREATE OR REPLACE VIEW events AS SELECT ${cols.join(', ')} FROM _events_store`;
}

export const EVENTS_STORE_DDL = `CREATE TABLE IF NOT EXISTS _events_store AS SELECT * FROM _events_source WHERE FALSE;
${eventsViewSql()}`;

/**
 * Statements that bring the stored events of changed sources up to date (run inside the change's
 * transaction). Rows are not sorted: sorting a million rows by month cost more at loading than
 * skipping blocks by date ever saved a query.
 */
export function refreshEventsSql(changed: SourceId | readonly SourceId[]): string[] {
  const sources = typeof changed === 'string' ? [changed] : changed;
  for (const s of sources) if (!SOURCE_IDS.includes(s)) throw new Error(`Unknown source ${s}`);
  // health events depend on the police records too (police_gap_days)
  const affected = SOURCE_IDS.filter((s) => sources.includes(s) || (sources.includes('police') && HEALTH_SOURCES.includes(s)));
  const list = affected.map((s) => `'${s}'`).join(', ');
  return [
    `DELETE FROM _events_store WHERE source IN (${list})`,
    `INSERT INTO _events_store SELECT * FROM _events_source WHERE source IN (${list})`,
  ];
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

/** The user's own denominator table (denominators.ts), empty until one is loaded. */
export const DENOMINATOR_DDL = `CREATE TABLE IF NOT EXISTS denominators ("group" VARCHAR, population DOUBLE, area VARCHAR, age_band VARCHAR, file_name VARCHAR)`;

export function createSchemaSql(): string {
  return [vocabularyTypesSql(), LSOA_INDEX_DDL, BOOKKEEPING_DDL, DENOMINATOR_DDL, ...SOURCE_IDS.map(sourceTableDdl), eventsSourceViewSql(), EVENTS_STORE_DDL].join(';\n');
}
