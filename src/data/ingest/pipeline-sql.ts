import { quoteIdent, sqlString } from '@/lib/sql';
import type { ColumnMapping, SourceId } from './contracts';
import { FIELDS } from './contracts';
import { PLACE_FIELDS, SOURCE_DEFS } from './source-defs';
import { COMMON_COLUMNS } from '../schema';

// Pure builders for the SQL of one load. Every table they make is a temp table named _ld_*.

export type FileFormat = 'csv' | 'tsv' | 'parquet';

export interface ReadSpec {
  file: string;
  format: FileFormat;
  gzip: boolean;
}

/** Reads CSV or TSV text (Parquet is converted to CSV before it gets here). */
export function readRawSql(spec: ReadSpec): string {
  const f = sqlString(spec.file);
  if (spec.format === 'parquet') throw new Error('Parquet must be converted to CSV before reading');
  const delim = spec.format === 'tsv' ? `'\\t'` : `','`;
  const compression = spec.gzip ? `'gzip'` : `'none'`;
  return `CREATE OR REPLACE TEMP TABLE _ld_raw AS SELECT (row_number() OVER () + 1)::INTEGER AS _line, * FROM read_csv(${f},
    header = true, all_varchar = true, delim = E${delim}, quote = '"', escape = '"', compression = ${compression},
    strict_mode = true, null_padding = false, skip = 0, normalize_names = false, sample_size = -1)`;
}

/** Text of a mapped field, trimmed, NULL when blank; typed NULL when the file lacks it. */
export function fieldsSql(source: SourceId, mapping: ColumnMapping): string {
  const def = SOURCE_DEFS[source];
  const cols = FIELDS[source].map((fs) => {
    const header = mapping[fs.name];
    const expr = header === undefined ? 'NULL::VARCHAR' : `nullif(trim(${quoteIdent(header)}), '')`;
    return `${expr} AS ${quoteIdent(fs.name)}`;
  });
  const parts = def.dateFields.map((d) => `vrp_dt_parts(${mapping[d] === undefined ? 'NULL::VARCHAR' : `nullif(trim(${quoteIdent(mapping[d]!)}), '')`}) AS p_${d}`);
  // Each date is parsed once: parts, then the naive timestamp, then UK local time.
  const naive = def.dateFields.map((d) => `vrp_naive_ts(p_${d}) AS n_${d}`);
  const local = def.dateFields.map(
    (d) => `CASE WHEN p_${d}.tz = '' THEN n_${d} ELSE vrp_utc_to_uk(n_${d} - to_minutes(vrp_tz_minutes(p_${d}.tz))) END AS ts_${d}`,
  );
  const inner = `SELECT _line, ${[...cols, ...parts].join(', ')} FROM _ld_raw`;
  if (def.dateFields.length === 0) return `CREATE OR REPLACE TEMP TABLE _ld_f AS ${inner}`;
  return `CREATE OR REPLACE TEMP TABLE _ld_f AS SELECT * EXCLUDE (${def.dateFields.map((d) => `n_${d}`).join(', ')}), ${local.join(', ')}
    FROM (SELECT *, ${naive.join(', ')} FROM (${inner}))`;
}

export function distinctValuesSql(field: string): string {
  return `SELECT DISTINCT ${quoteIdent(field)} AS raw FROM _ld_f`;
}

/** Each row's place inputs, checked: an LSOA code, WGS84 coordinates, British National Grid. */
export function placeInputSql(source: SourceId): string {
  const pf = PLACE_FIELDS[source];
  const lsoaRaw = pf.lsoa ? quoteIdent(pf.lsoa) : 'NULL::VARCHAR';
  const e = pf.easting ? `TRY_CAST(${quoteIdent(pf.easting)} AS DOUBLE)` : 'NULL::DOUBLE';
  const n = pf.northing ? `TRY_CAST(${quoteIdent(pf.northing)} AS DOUBLE)` : 'NULL::DOUBLE';
  const okLatLon = 'lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180 AND NOT (lat = 0 AND lon = 0)';
  const okBng = 'e BETWEEN 0 AND 700000 AND n BETWEEN 0 AND 1300000';
  return `CREATE OR REPLACE TEMP TABLE _ld_pt AS
    SELECT _line, lsoa_given,
      coalesce(regexp_full_match(lsoa_given, '[EW]0[1-9]\\d{6}'), false) AS lsoa_valid,
      coalesce(lsoa_given IN (SELECT lsoa21cd FROM ref_lsoa), false) AS lsoa_in_ref,
      CASE WHEN ${okLatLon} THEN lat END AS lat, CASE WHEN ${okLatLon} THEN lon END AS lon,
      CASE WHEN ${okBng} THEN e END AS e, CASE WHEN ${okBng} THEN n END AS n,
      (lat IS NOT NULL OR lon IS NOT NULL) AND NOT coalesce(${okLatLon}, false) AS bad_latlon,
      (e IS NOT NULL OR n IS NOT NULL) AND NOT coalesce(${okBng}, false) AS bad_bng,
      lsoa_given IS NOT NULL AS lsoa_present
    FROM (SELECT _line, upper(replace(${lsoaRaw}, ' ', '')) AS lsoa_given,
            TRY_CAST(${quoteIdent(pf.lat)} AS DOUBLE) AS lat, TRY_CAST(${quoteIdent(pf.lon)} AS DOUBLE) AS lon,
            ${e} AS e, ${n} AS n
          FROM _ld_f)`;
}

export const LATLON_POINTS_SQL = `SELECT DISTINCT lat, lon FROM _ld_pt WHERE NOT lsoa_in_ref AND lat IS NOT NULL`;
export const BNG_POINTS_SQL = `SELECT DISTINCT e, n FROM _ld_pt WHERE NOT lsoa_in_ref AND lat IS NULL AND e IS NOT NULL`;

/** Resolves each row's place: an LSOA code in Leeds, else a point (given or from BNG), else a code outside Leeds. */
export const PLACE_SQL = `CREATE OR REPLACE TEMP TABLE _ld_place AS
  SELECT t._line,
    CASE WHEN t.lsoa_in_ref THEN t.lsoa_given WHEN pt_lsoa IS NOT NULL THEN pt_lsoa WHEN t.lsoa_valid THEN t.lsoa_given END AS lsoa21cd,
    CASE WHEN t.lsoa_in_ref OR pt_lsoa IS NOT NULL THEN true WHEN t.lsoa_valid OR has_point THEN false END AS in_area,
    coalesce(t.lat, b.lat) AS latitude, coalesce(t.lon, b.lon) AS longitude, t.e AS easting, t.n AS northing,
    t.lsoa_present AND NOT t.lsoa_valid AS w_bad_lsoa,
    t.bad_latlon OR t.bad_bng AS w_bad_point,
    NOT t.lsoa_in_ref AND coalesce(pt_snapped, false) AS w_point_gap
  FROM (SELECT *, (lat IS NOT NULL OR e IS NOT NULL) AS has_point FROM _ld_pt) t
  LEFT JOIN _ld_pip p ON p.lat = t.lat AND p.lon = t.lon
  LEFT JOIN _ld_bng b ON t.lat IS NULL AND b.e = t.e AND b.n = t.n
  CROSS JOIN LATERAL (SELECT coalesce(p.lsoa, b.lsoa) AS pt_lsoa, coalesce(p.snapped, b.snapped) = 'true' AS pt_snapped)`;

function substitute(sql: string, params: { today: string; fileHash: string }): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(params.today)) throw new Error(`Not a date: ${params.today}`);
  return sql.replaceAll('$today', `DATE ${sqlString(params.today)}`).replaceAll('$file_hash', sqlString(params.fileHash));
}

export interface StagedParams {
  today: string;
  fileHash: string;
}

/** The normalised rows with their rejection reason and warning flags. */
export function stagedSql(source: SourceId, params: StagedParams): string {
  const def = SOURCE_DEFS[source];
  const joins = def.categorical
    .map((c) => `LEFT JOIN _ld_m_${c.field} m_${c.field} ON m_${c.field}.raw IS NOT DISTINCT FROM f.${quoteIdent(c.field)}`)
    .join('\n  ');
  const reject = def.rejections.length
    ? `CASE ${def.rejections.map((r) => `WHEN ${r.when} THEN ${r.reason}`).join(' ')} END`
    : 'NULL::VARCHAR';
  const cols = def.columns.map((c) => `(${c.sql})::${c.type} AS ${quoteIdent(c.name)}`);
  const catWarnings = def.categorical.map((c, i) => `NOT coalesce(m_${c.field}.known, true) AS wc_${i}`);
  const extraWarnings = Object.values(def.warnings).map((w, i) => `coalesce(${w}, false) AS wx_${i}`);
  const sql = `CREATE OR REPLACE TEMP TABLE _ld_staged AS
  SELECT f._line AS line, ${reject} AS reject_reason, (${def.key})::VARCHAR AS record_ref,
    CAST(ts AS DATE) AS event_date, CASE WHEN has_time THEN hour(ts) END::INTEGER AS event_hour,
    pl.lsoa21cd, pl.in_area, pl.latitude, pl.longitude, pl.easting, pl.northing,
    ${[...cols, ...catWarnings, ...extraWarnings].join(',\n    ')},
    pl.w_bad_lsoa, pl.w_bad_point, pl.w_point_gap
  FROM (SELECT f.*, (${def.eventTs}) AS ts, coalesce(${def.eventHasTime}, false) AS has_time FROM _ld_f f) f
  ${joins}
  LEFT JOIN _ld_place pl ON pl._line = f._line`;
  return substitute(sql, params);
}

/** Accepted rows: not rejected, and the first of any repeated key in the file. */
export const ACCEPTED_SQL = `CREATE OR REPLACE TEMP TABLE _ld_accepted AS
  SELECT * FROM _ld_staged
  WHERE reject_reason IS NULL AND line IN (SELECT min(line) FROM _ld_staged WHERE reject_reason IS NULL GROUP BY record_ref)`;

export const DUPLICATES_SQL = `SELECT line, record_ref FROM _ld_staged
  WHERE reject_reason IS NULL AND line NOT IN (SELECT line FROM _ld_accepted) ORDER BY line`;

/** Moves accepted rows into the source table, replacing rows with the same keys, in one transaction. */
export function commitSql(source: SourceId, extractId: string): string[] {
  const def = SOURCE_DEFS[source];
  const stored = [...COMMON_COLUMNS.filter((c) => c.name !== 'extract_id').map((c) => c.name), ...def.columns.map((c) => c.name)];
  const unique = [...new Set(stored)];
  const colList = ['extract_id', ...unique].map(quoteIdent).join(', ');
  const selectList = [sqlString(extractId), ...unique.map(quoteIdent)].join(', ');
  return [
    `DELETE FROM ${source} WHERE record_ref IN (SELECT record_ref FROM _ld_accepted)`,
    `INSERT INTO ${source} (${colList}) SELECT ${selectList} FROM _ld_accepted`,
  ];
}

export const CLEANUP_SQL = ['_ld_raw', '_ld_f', '_ld_pt', '_ld_pip', '_ld_bng', '_ld_place', '_ld_staged', '_ld_accepted']
  .map((t) => `DROP TABLE IF EXISTS ${t}`)
  .join('; ');
