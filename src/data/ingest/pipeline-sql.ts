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
  /** how many columns the file's header row names (as the Data page read it) */
  columns: number;
  /**
   * A column of the text holding each row's own line number (a workbook's row, when title and
   * empty rows were left out of the text): used instead of counting lines, and not a field.
   */
  lineColumn?: string;
}

/** The longest value the contract promises to take (16 MB). */
export const MAX_FIELD_BYTES = 16 * 1024 * 1024;
/** The longest row read: a value of 16 MB with room for the rest of its row. */
export const MAX_ROW_BYTES = MAX_FIELD_BYTES + 1024 * 1024;

/** The options every read of a file shares: its own delimiter and compression, every value as text. */
function csvOptions(spec: ReadSpec): string {
  if (spec.format === 'parquet') throw new Error('Parquet must be converted to CSV before reading');
  const delim = spec.format === 'tsv' ? `'\\t'` : `','`;
  const compression = spec.gzip ? `'gzip'` : `'none'`;
  // DuckDB's own buffer is 16 rows' worth by default (32 MiB for its 2 MiB rows): two of the
  // longest rows keep it about as large
  return `header = true, all_varchar = true, delim = E${delim}, quote = '"', escape = '"', compression = ${compression},
    strict_mode = true, null_padding = false, skip = 0, normalize_names = false,
    max_line_size = ${MAX_ROW_BYTES}, buffer_size = ${2 * MAX_ROW_BYTES}`;
}

/** The columns c0 … cN, all text, for a read that does not sniff the file. */
function unsniffedColumns(columns: number): string {
  if (!Number.isInteger(columns) || columns < 1) throw new Error(`Not a column count: ${columns}`);
  return Array.from({ length: columns }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
}

/**
 * Reads CSV or TSV text (Parquet is converted to CSV before it gets here) into a table: a load's
 * _ld_raw.
 */
export function readRawSql(spec: ReadSpec, table = '_ld_raw'): string {
  return `CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS SELECT * FROM read_csv(${sqlString(spec.file)},
    ${csvOptions(spec)}, sample_size = -1)`;
}

/**
 * After a failed read, reads the file again keeping the rows DuckDB cannot take, each with its
 * line and why, in _ld_rejects. DuckDB's sniffer is left out (it would fail as the read did,
 * without saying where): the header's column count is given instead.
 */
export function readRejectsSql(spec: ReadSpec): string {
  return `SELECT count(*) FROM read_csv(${sqlString(spec.file)}, ${csvOptions(spec)}, auto_detect = false, columns = {${unsniffedColumns(spec.columns)}},
    ignore_errors = true, store_rejects = true, rejects_table = '_ld_rejects', rejects_scan = '_ld_reject_scans')`;
}

/** The first row the second read could not take: its line in the file, the kind of fault, its text. */
export const FIRST_REJECT_SQL = `SELECT line::INTEGER AS line, error_type::VARCHAR AS kind, csv_line AS text
  FROM _ld_rejects ORDER BY line LIMIT 1`;

/** Whether every row the second read could not take was only too long. */
export const ONLY_LONG_ROWS_SQL = `SELECT count(*) > 0 AND bool_and(error_type::VARCHAR = 'LINE SIZE OVER MAXIMUM') AS only_long FROM _ld_rejects`;

/** The header row's names as DuckDB reads them (the first record, read as data). */
export function headerNamesSql(spec: ReadSpec): string {
  return `SELECT * FROM read_csv(${sqlString(spec.file)}, ${csvOptions(spec).replace('header = true', 'header = false')}, auto_detect = false,
    columns = {${unsniffedColumns(spec.columns)}}, ignore_errors = true) LIMIT 1`;
}

/**
 * Reads a file whose only faults are rows longer than the longest taken, leaving those rows out
 * (they are in _ld_rejects, with their lines, from the read that found them): the file's other
 * rows load, and the long ones are rejected as rows, not the file.
 */
export function readSkippingLongRowsSql(spec: ReadSpec, names: readonly string[]): string {
  const columns = names.map((n) => `${sqlString(n)}: 'VARCHAR'`).join(', ');
  return `CREATE OR REPLACE TEMP TABLE _ld_raw AS SELECT * FROM read_csv(${sqlString(spec.file)}, ${csvOptions(spec)}, auto_detect = false,
    columns = {${columns}}, ignore_errors = true)`;
}

/** The rows left out for their length, as rejections: line and reason. */
export const LONG_ROWS_SQL = `SELECT line::INTEGER AS line FROM _ld_rejects ORDER BY line`;

/**
 * Line numbers. A table filled by one single-threaded scan keeps the file's order in its rowid, and
 * the header is line 1 (a quoted value spanning lines makes later numbers records, not lines). Rows
 * left out for their length (`skipped`, in _ld_skips) push the lines after them on; a text made
 * from a workbook carries each row's own number in `lineColumn`.
 */
export function numberLinesSql(spec: Pick<ReadSpec, 'lineColumn'>, skipped = false): string {
  if (spec.lineColumn) {
    const c = quoteIdent(spec.lineColumn);
    return `CREATE OR REPLACE TEMP VIEW _ld_rawl AS SELECT ${c}::INTEGER AS _line, * EXCLUDE (${c}) FROM _ld_raw`;
  }
  if (!skipped) return `CREATE OR REPLACE TEMP VIEW _ld_rawl AS SELECT (rowid + 2)::INTEGER AS _line, * FROM _ld_raw`;
  // a skipped line s_j (the j-th, from 0) comes after t_j = s_j - 2 - j kept rows: row i's line is
  // i + 2 plus the number of skipped lines with t_j <= i
  return `CREATE OR REPLACE TEMP TABLE _ld_skips AS SELECT line - 2 - (row_number() OVER (ORDER BY line) - 1) AS t FROM _ld_rejects;
    CREATE OR REPLACE TEMP VIEW _ld_rawl AS SELECT (r.rowid + 2 + (SELECT count(*) FROM _ld_skips s WHERE s.t <= r.rowid))::INTEGER AS _line, r.*
      FROM _ld_raw r`;
}

/** Rows holding NUL bytes in any column: how many, and the first one's line. */
export function nulRowsSql(columns: readonly string[]): string {
  const any = columns.map((c) => `contains(${quoteIdent(c)}, chr(0))`).join(' OR ');
  return `SELECT count(*)::INTEGER AS n, min(_line)::INTEGER AS line FROM _ld_rawl WHERE ${any}`;
}

/** The rows again, with NUL bytes taken out of every column (the file's order kept). */
export function removeNulsSql(columns: readonly string[]): string {
  const cols = columns.map((c) => `replace(${quoteIdent(c)}, chr(0), '') AS ${quoteIdent(c)}`).join(', ');
  return `CREATE OR REPLACE TEMP TABLE _ld_raw AS SELECT ${cols} FROM _ld_raw ORDER BY rowid`;
}

/**
 * A text value without its leading and trailing spaces, NULL when blank: as nullif(trim(v), '')
 * but trimming (which copies the text) only values that start or end with a space, which took a
 * 1,000,000-row load in the browser from 18 s to 11.5 s.
 */
export function blankToNull(v: string): string {
  return `CASE WHEN ${v} = '' THEN NULL WHEN prefix(${v}, ' ') OR suffix(${v}, ' ') THEN nullif(trim(${v}), '') ELSE ${v} END`;
}

/** A field's text from its column in the file: trimmed, NULL when blank or when no column is mapped to it. */
function fieldText(mapping: ColumnMapping, field: string): string {
  const header = mapping[field];
  return header === undefined ? 'NULL::VARCHAR' : blankToNull(quoteIdent(header));
}

/**
 * Text of each mapped field, trimmed, NULL when blank (typed NULL when the file lacks it), each
 * date field's UK local timestamp as ts_<field> and each time field's TIME as tm_<field>. A view:
 * every later step reads only what it needs. `plainDates` names the date fields whose every value
 * in the file is of one plain shape (see plainDateShapes).
 */
export function fieldsSql(
  source: SourceId,
  mapping: ColumnMapping,
  lsoaChanges: readonly LsoaChange[] = [],
  plainDates: Readonly<Record<string, PlainDateShape>> = {},
): string {
  const def = SOURCE_DEFS[source];
  const cols = FIELDS[source].map((fs) => `${fieldText(mapping, fs.name)} AS ${quoteIdent(fs.name)}`);
  const inner = `SELECT _line, ${cols.join(', ')} FROM _ld_rawl`;
  const times = (def.timeFields ?? []).map((t) => `, vrp_time(${quoteIdent(t)}) AS tm_${t}`).join('');
  return `CREATE OR REPLACE TEMP VIEW _ld_f AS ${withPlaceInputs(`SELECT *${times} FROM (${withLocalTimestamps(inner, def.dateFields, plainDates)})`, source, lsoaChanges)}`;
}

/**
 * Dates in one plain shape, a day and nothing else, which DuckDB's own cast takes whole: ISO
 * (YYYY-MM-DD) or UK (DD/MM/YYYY). `test` admits a text of the file only where the general parse
 * of its field (trimmed, see blankToNull, then withLocalTimestamps) would take the same cast: ten
 * characters in the shape, no space at either end (the field's text is trimmed first) and no final
 * Z (which that parse reads as an offset). `ts` is that cast. UK comes first, as in vrp_fast_ts: a
 * text can have both shapes (such as 12/4-/7-ab, no date in either).
 */
const plainText = (v: string, like: string) =>
  `strlen(${v}) = 10 AND ${v} LIKE '${like}' AND NOT prefix(${v}, ' ') AND NOT suffix(${v}, ' ') AND NOT suffix(${v}, 'Z') AND NOT suffix(${v}, 'z')`;
const PLAIN_SHAPES = {
  uk: {
    test: (v: string) => plainText(v, '__/__/____'),
    ts: (v: string) => `TRY_CAST(${v}[7:10] || '-' || ${v}[4:5] || '-' || ${v}[1:2] AS TIMESTAMP)`,
  },
  iso: {
    test: (v: string) => plainText(v, '____-__-__'),
    ts: (v: string) => `TRY_CAST(${v} AS TIMESTAMP)`,
  },
} as const;

export type PlainDateShape = keyof typeof PLAIN_SHAPES;

/** The plain date shapes, in the order they are tried. */
export const PLAIN_DATE_SHAPES = Object.keys(PLAIN_SHAPES) as PlainDateShape[];

/** Whether a text (SQL expression) is a date of the plain shape, as the file has it, untrimmed. */
export function plainDateTest(shape: PlainDateShape, v: string): string {
  return PLAIN_SHAPES[shape].test(v);
}

/**
 * The number of rows in _ld_raw as `n`, and for each mapped date field i and plain shape whether
 * every value of its column is blank or of that shape, as `<shape>_<i>`: one scan for both. A
 * file's dates are nearly always all of one shape; such a field then skips the general parse,
 * which cost 0.3 to 0.5 s of the normalising statement's 3 s at 1,000,000 rows under Node.
 */
export function rowCountAndDateShapesSql(source: SourceId, mapping: ColumnMapping): string {
  const shapes = SOURCE_DEFS[source].dateFields.flatMap((field, i) => {
    const header = mapping[field];
    if (header === undefined) return [];
    const v = quoteIdent(header);
    return PLAIN_DATE_SHAPES.map((shape) => `coalesce(bool_and(${v} IS NULL OR ${v} = '' OR ${plainDateTest(shape, v)}), false) AS ${shape}_${i}`);
  });
  return `SELECT ${['count(*)::BIGINT AS n', ...shapes].join(', ')} FROM _ld_raw`;
}

/** The plain shape of each date field whose every value has one, from rowCountAndDateShapesSql's row. */
export function plainDateShapes(source: SourceId, row: Readonly<Record<string, unknown>>): Record<string, PlainDateShape> {
  const out: Record<string, PlainDateShape> = {};
  for (const [i, field] of SOURCE_DEFS[source].dateFields.entries()) {
    const shape = PLAIN_DATE_SHAPES.find((s) => row[`${s}_${i}`] === true);
    if (shape) out[field] = shape;
  }
  return out;
}

/**
 * Adds ts_<field>, the UK local timestamp, for each date field of a query. Each step is its own
 * subquery so every row's text is parsed once: DuckDB's fast cast where it can, the regular
 * expression (parts, then the naive time, then the offset) only where it must. A field in `plain`
 * has every value of that plain shape (or blank), and takes its cast directly.
 */
export function withLocalTimestamps(query: string, fields: readonly string[], plain: Readonly<Record<string, PlainDateShape>> = {}): string {
  const direct = fields.filter((d) => plain[d] !== undefined).map((d) => `${PLAIN_SHAPES[plain[d]!].ts(quoteIdent(d))} AS ts_${d}`);
  const parsed = fields.filter((d) => plain[d] === undefined);
  const withDirect = direct.length ? `SELECT *, ${direct.join(', ')} FROM (${query})` : query;
  if (parsed.length === 0) return withDirect;
  const parts = parsed.map((d) => `CASE WHEN vrp_needs_parts(${quoteIdent(d)}) THEN vrp_dt_parts(${quoteIdent(d)}) END AS p_${d}`);
  const naive = parsed.map((d) => `vrp_naive_ts(p_${d}) AS n_${d}`);
  const local = parsed.map(
    (d) => `CASE WHEN p_${d} IS NULL THEN vrp_fast_ts(${quoteIdent(d)}) ELSE vrp_zoned_to_uk(n_${d}, p_${d}.tz) END AS ts_${d}`,
  );
  const helpers = parsed.flatMap((d) => [`p_${d}`, `n_${d}`]).join(', ');
  return `SELECT * EXCLUDE (${helpers}), ${local.join(', ')}
    FROM (SELECT *, ${naive.join(', ')} FROM (SELECT *, ${parts.join(', ')} FROM (${withDirect})))`;
}

/**
 * Every combination of the categorical fields' values in the file, each once (a handful of rows,
 * usually). The file's own columns are grouped first and only their few combinations trimmed, which
 * took 0.16 s at 1,000,000 rows in the browser against 0.4 s for grouping the trimmed fields.
 */
export function combinationsSql(fields: readonly string[], mapping: ColumnMapping): string {
  const headers = [...new Set(fields.flatMap((f) => (mapping[f] === undefined ? [] : [mapping[f]])))];
  const raw = headers.length ? headers.map(quoteIdent).join(', ') : 'true AS _any';
  const cols = fields.map((f) => `${fieldText(mapping, f)} AS ${quoteIdent(f)}`);
  return `CREATE OR REPLACE TEMP TABLE _ld_combos AS SELECT DISTINCT ${cols.join(', ')} FROM (SELECT DISTINCT ${raw} FROM _ld_raw)`;
}

/** Every distinct non-blank value of each field, from the combinations: `v<i>` lists field i's values. */
export function distinctValuesSql(fields: readonly string[]): string {
  const lists = fields.map((f, i) => `list(DISTINCT ${quoteIdent(f)}) FILTER (WHERE ${quoteIdent(f)} IS NOT NULL) AS v${i}`);
  return `SELECT ${lists.join(', ')} FROM _ld_combos`;
}

/**
 * One row per combination: its number as `combo`, its values as k<i>, and each field's mapping (the
 * table _ld_m_<field>, raw → value, known) as a struct m_<field>, so that the source definitions'
 * m_<field>.value reads it. The rows then go through one join instead of one per field (at
 * 1,000,000 rows the eight joins of a police file took about 0.7 s, the one join takes 0.4 s).
 */
export function categoryMapSql(fields: readonly string[]): string {
  const keys = fields.map((f, i) => `c.${quoteIdent(f)} AS k${i}`);
  const maps = fields.map((f) => `{'value': m_${f}.value, 'known': m_${f}.known} AS m_${f}`);
  const joins = fields.map((f) => `LEFT JOIN _ld_m_${f} m_${f} ON m_${f}.raw IS NOT DISTINCT FROM c.${quoteIdent(f)}`);
  return `CREATE OR REPLACE TEMP TABLE _ld_m AS SELECT (row_number() OVER ())::INTEGER AS combo, ${[...keys, ...maps].join(', ')}
    FROM _ld_combos c ${joins.join(' ')}`;
}

/** Leeds's district code: the stored `in_area` says whether a record's place is in Leeds. */
export const LEEDS_DISTRICT = 'E08000035';

/** An LSOA code of 2011 that changed in 2021 (a row of ref_lsoa11_changed). */
export interface LsoaChange {
  lsoa11cd: string;
  change: 'merged' | 'split';
  /** the 2021 LSOA a merged code became ('' or null for a split one) */
  lsoa21cd: string | null;
  /** the ward every piece of a split code is in ('' or null when they are in several) */
  ward_code: string | null;
  /** its district */
  lad_code: string;
}

const GSS = /^[EW]0\d{7}$/;

/** A list of codes as SQL literals, each checked to be a GSS code (they come from the reference tables). */
function codeList(codes: readonly string[]): string {
  for (const c of codes) if (!GSS.test(c)) throw new Error(`Not an area code: ${c}`);
  return codes.map(sqlString).join(', ');
}

/** `CASE lsoa_text WHEN <2011 code> THEN <value> … END` over some changed codes, the values checked as codes. */
function byChangedCode(changes: readonly LsoaChange[], value: (c: LsoaChange) => string | null): string {
  const whens = changes.filter((c) => value(c)).map((c) => `WHEN ${codeList([c.lsoa11cd])} THEN ${codeList([value(c)!])}`);
  return whens.length ? `CASE lsoa_text ${whens.join(' ')} END` : 'NULL::VARCHAR';
}

/**
 * Adds each row's place inputs, checked: an LSOA code, WGS84 coordinates, British National Grid.
 * Each text is parsed once, in a layer of its own, and a code is looked up in West Yorkshire's
 * LSOAs (ref_lsoa) for its district; the code's pattern is tested only for codes not found there
 * (every code in the list is well formed). A code not in the list that is a 2011 code changed in
 * 2021 (`changes`, a score of codes written into the statement, so that the rows with a 2021 code,
 * nearly all, pass one test) is read as its 2021 LSOA when merged into one, and as no LSOA when split
 * into several (lsoa_split, its district in lsoa_split_lad and its ward, when the pieces share one,
 * in lsoa_split_ward).
 */
function withPlaceInputs(query: string, source: SourceId, changes: readonly LsoaChange[]): string {
  const pf = PLACE_FIELDS[source];
  const number = (field: string | null) => (field ? `TRY_CAST(${quoteIdent(field)} AS DOUBLE)` : 'NULL::DOUBLE');
  const parsed = [
    `${pf.lsoa ? `upper(replace(${quoteIdent(pf.lsoa)}, ' ', ''))` : 'NULL::VARCHAR'} AS lsoa_text`,
    `${number(pf.lat)} AS _lat`,
    `${number(pf.lon)} AS _lon`,
    `${number(pf.easting)} AS _e`,
    `${number(pf.northing)} AS _n`,
  ];
  const merged = pf.lsoa ? changes.filter((c) => c.change === 'merged' && c.lsoa21cd) : [];
  const split = pf.lsoa ? changes.filter((c) => c.change === 'split') : [];
  const ifChanged = (expr: string, whenNot: string) => (expr === 'NULL::VARCHAR' ? whenNot : `CASE WHEN _ref_lad IS NOT NULL THEN ${whenNot} ELSE ${expr} END`);
  const coded = [
    `${ifChanged(`coalesce(${byChangedCode(merged, (c) => c.lsoa21cd)}, lsoa_text)`, 'lsoa_text')} AS lsoa_given`,
    `${ifChanged(byChangedCode(merged, (c) => c.lad_code), '_ref_lad')} AS lsoa_lad`,
    `${ifChanged(byChangedCode(split, (c) => c.lad_code), 'NULL::VARCHAR')} AS lsoa_split_lad`,
    `${ifChanged(byChangedCode(split, (c) => c.ward_code), 'NULL::VARCHAR')} AS lsoa_split_ward`,
  ];
  const checked = [
    `_lat BETWEEN -90 AND 90 AND _lon BETWEEN -180 AND 180 AND NOT (_lat = 0 AND _lon = 0) AS _ok_ll`,
    `_e BETWEEN 0 AND 700000 AND _n BETWEEN 0 AND 1300000 AS _ok_bng`,
  ];
  const place = [
    `lsoa_lad IS NOT NULL AS lsoa_in_ref`,
    `lsoa_split_lad IS NOT NULL AS lsoa_split`,
    `CASE WHEN lsoa_lad IS NOT NULL THEN true ELSE coalesce(regexp_full_match(lsoa_given, '[EW]0[1-9]\\d{6}'), false) END AS lsoa_valid`,
    `CASE WHEN _ok_ll THEN _lat END AS pt_lat`,
    `CASE WHEN _ok_ll THEN _lon END AS pt_lon`,
    `CASE WHEN _ok_bng THEN _e END AS pt_e`,
    `CASE WHEN _ok_bng THEN _n END AS pt_n`,
    `(_lat IS NOT NULL OR _lon IS NOT NULL) AND NOT coalesce(_ok_ll, false) OR (_e IS NOT NULL OR _n IS NOT NULL) AND NOT coalesce(_ok_bng, false) AS w_bad_point`,
  ];
  // ref_lsoa's codes are unique, so the join keeps every row once
  return `SELECT * EXCLUDE (_lat, _lon, _e, _n, _ok_ll, _ok_bng, _ref_lad, lsoa_text), ${place.join(', ')}
    FROM (SELECT *, ${coded.join(', ')} FROM (SELECT *, ${checked.join(', ')} FROM (
      SELECT q.*, _r.lad24cd AS _ref_lad FROM (SELECT *, ${parsed.join(', ')} FROM (${query})) q LEFT JOIN ref_lsoa _r ON _r.lsoa21cd = q.lsoa_text)))`;
}

/**
 * Which kinds of point a file can give: WGS84 needs its latitude and its longitude column mapped,
 * British National Grid its easting and its northing. A kind the file cannot give is not looked
 * for: each look-up scans every row (about 0.15 s at 1,000,000 rows in the browser), and most
 * partner extracts give an LSOA code and no coordinates.
 */
export function pointKinds(source: SourceId, mapping: ColumnMapping): { latLon: boolean; grid: boolean } {
  const pf = PLACE_FIELDS[source];
  const mapped = (field: string | null) => field !== null && mapping[field] !== undefined;
  return { latLon: mapped(pf.lat) && mapped(pf.lon), grid: mapped(pf.easting) && mapped(pf.northing) };
}

/** Coordinates that need a point-in-polygon look-up (no LSOA code in West Yorkshire). */
export const LATLON_POINTS_SQL = `SELECT DISTINCT pt_lat AS lat, pt_lon AS lon FROM _ld_f WHERE NOT lsoa_in_ref AND pt_lat IS NOT NULL`;
export const BNG_POINTS_SQL = `SELECT DISTINCT pt_e AS e, pt_n AS n FROM _ld_f WHERE NOT lsoa_in_ref AND pt_lat IS NULL AND pt_e IS NOT NULL`;

/**
 * Resolves a row's place: an LSOA code in West Yorkshire, else a point (given or from BNG), else a
 * code outside West Yorkshire. Its district (`lad24cd`) is the LSOA's, the point's or a split
 * code's; `in_area` says whether it is in Leeds (the partnership's default area; see region.ts for
 * West Yorkshire), and is NULL when the place is not known.
 */
// The point tables hold only points that needed a look-up; a BNG match counts only without WGS84.
const PT = (col: string) => `coalesce(p.${col}, CASE WHEN f.pt_lat IS NULL THEN b.${col} END)`;
const PT_LSOA = PT('lsoa');
const LAD = `CASE WHEN f.lsoa_in_ref THEN f.lsoa_lad WHEN ${PT_LSOA} IS NOT NULL THEN ${PT('lad')} ELSE f.lsoa_split_lad END`;
const PLACE_COLUMNS: Readonly<Record<string, string>> = {
  lsoa21cd: `CASE WHEN f.lsoa_in_ref THEN f.lsoa_given WHEN ${PT_LSOA} IS NOT NULL THEN ${PT_LSOA} WHEN f.lsoa_valid AND NOT f.lsoa_split THEN f.lsoa_given END`,
  lad24cd: LAD,
  ward_code: `CASE WHEN f.lsoa_split AND ${PT_LSOA} IS NULL THEN f.lsoa_split_ward END`,
  in_area: `CASE WHEN (${LAD}) = '${LEEDS_DISTRICT}' THEN true WHEN f.lsoa_valid OR f.pt_lat IS NOT NULL OR f.pt_e IS NOT NULL THEN false END`,
  latitude: 'coalesce(f.pt_lat, b.lat)',
  longitude: 'coalesce(f.pt_lon, b.lon)',
  easting: 'f.pt_e',
  northing: 'f.pt_n',
};
const PLACE_FLAGS = `f.lsoa_given IS NOT NULL AND NOT f.lsoa_valid AS w_bad_lsoa, f.w_bad_point,
    NOT f.lsoa_in_ref AND coalesce(${PT('snapped')} = 'true', false) AS w_point_gap,
    f.lsoa_split AND ${PT_LSOA} IS NULL AS w_lsoa_split`;

// Equality only: any other condition in these joins made DuckDB fall back to a nested loop.
const PLACE_JOINS = `
  LEFT JOIN _ld_pip p ON p.lat = f.pt_lat AND p.lon = f.pt_lon
  LEFT JOIN _ld_bng b ON b.e = f.pt_e AND b.n = f.pt_n`;

function substitute(sql: string, params: { today: string; fileHash: string }): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(params.today)) throw new Error(`Not a date: ${params.today}`);
  return sql.replaceAll('$today', `DATE ${sqlString(params.today)}`).replaceAll('$file_hash', sqlString(params.fileHash));
}

export interface StagedParams {
  today: string;
  fileHash: string;
  extractId: string;
}

/** The columns a source table stores, in its order. */
function storedColumns(source: SourceId): string[] {
  return [...COMMON_COLUMNS.map((c) => c.name), ...SOURCE_DEFS[source].columns.map((c) => c.name)];
}

/**
 * The columns of _ld_staged after the source table's own: why a row is rejected, its warning flags
 * and the number of its combination of categorical values (whose warnings _ld_m holds).
 */
export function stagedExtraColumns(source: SourceId): string[] {
  const def = SOURCE_DEFS[source];
  return [
    'reject_reason',
    'w_bad_lsoa',
    'w_bad_point',
    'w_point_gap',
    'w_lsoa_split',
    ...(def.categorical.length ? ['combo'] : []),
    ...Object.keys(def.warnings).map((_, i) => `wx_${i}`),
  ];
}

/**
 * The normalised rows: first the source table's own columns in its order and types, then the
 * rejection reason, the warning flags and the combination's number (a flag per categorical field
 * took eight columns of a police file's rows; see warningCountsSql). A table of the main schema,
 * not a temporary one, so that a load can make it the source table itself (see swapInSql).
 */
export function stagedSql(source: SourceId, params: StagedParams): string {
  const def = SOURCE_DEFS[source];
  const joins = def.categorical.length
    ? `LEFT JOIN _ld_m m ON ${def.categorical.map((c, i) => `m.k${i} IS NOT DISTINCT FROM f.${quoteIdent(c.field)}`).join(' AND ')}`
    : '';
  const reject = def.rejections.length
    ? `CASE ${def.rejections.map((r) => `WHEN ${r.when} THEN ${r.reason}`).join(' ')} END`
    : 'NULL::VARCHAR';
  const common: Record<string, string> = {
    extract_id: sqlString(params.extractId),
    line: 'f._line',
    record_ref: def.key,
    event_date: 'CAST(ts AS DATE)',
    event_hour: 'CASE WHEN has_time THEN hour(ts) END',
    ...PLACE_COLUMNS,
  };
  const cols = [
    ...COMMON_COLUMNS.map((c) => `(${common[c.name]})::${c.type} AS ${quoteIdent(c.name)}`),
    ...def.columns.map((c) => `(${c.sql})::${c.type} AS ${quoteIdent(c.name)}`),
  ];
  const combo = def.categorical.length ? ['m.combo'] : [];
  const extraWarnings = Object.values(def.warnings).map((w, i) => `coalesce(${w}, false) AS wx_${i}`);
  const sql = `CREATE OR REPLACE TABLE _ld_staged AS
  SELECT ${[...cols, `${reject} AS reject_reason`, PLACE_FLAGS, ...combo, ...extraWarnings].join(',\n    ')}
  FROM (SELECT f.*, (${def.eventTs}) AS ts, coalesce(${def.eventHasTime}, false) AS has_time FROM _ld_f f) f
  ${joins}
  ${PLACE_JOINS}`;
  return substitute(sql, params);
}

/**
 * When a warning applies: a condition on a row of _ld_staged, or on its combination of categorical
 * values (on _ld_m as `m`; see categoryMapSql).
 */
export type WarningCondition = { row: string } | { combination: string };

/**
 * How many rows of the file that are not rejected each warning applies to, as `n<i>`, and the first
 * one's line, as `l<i>`. A condition on the combination is counted once per combination, from the
 * staged rows' count per combination: the staged rows carry only their combination's number, not a
 * flag per categorical field (`byCombination`, when the source has categorical fields).
 */
export function warningCountsSql(conditions: readonly WarningCondition[], byCombination: boolean): string {
  const perRow = conditions.flatMap((c, i) =>
    'row' in c ? [`count(*) FILTER (WHERE ${c.row}) AS n_${i}, min(line) FILTER (WHERE ${c.row}) AS l_${i}`] : [],
  );
  const counts = conditions.map((c, i) => {
    if ('row' in c) return `coalesce(sum(g.n_${i}), 0)::INTEGER AS n${i}, min(g.l_${i}) AS l${i}`;
    if (!byCombination) throw new Error('A warning on the combination of categorical values needs the staged rows grouped by it');
    return `coalesce(sum(g.n) FILTER (WHERE ${c.combination}), 0)::INTEGER AS n${i}, min(g.l) FILTER (WHERE ${c.combination}) AS l${i}`;
  });
  const inner = `SELECT ${[...(byCombination ? ['combo'] : []), 'count(*) AS n', 'min(line) AS l', ...perRow].join(', ')}
    FROM _ld_staged WHERE reject_reason IS NULL${byCombination ? ' GROUP BY combo' : ''}`;
  return `SELECT ${counts.join(', ') || 'NULL AS none'} FROM (${inner}) g${byCombination ? ' LEFT JOIN _ld_m m ON m.combo = g.combo' : ''}`;
}

/**
 * Whether accepted rows may repeat a key: fewer distinct hashes of the keys than rows. Equal keys
 * have equal hashes, so "no" is certain; "yes" is then checked on the keys themselves
 * (HAS_DUPLICATES_SQL). Counting hashes took about half the time of counting the texts.
 */
export const MAY_HAVE_DUPLICATES_SQL = `SELECT count(*) <> count(DISTINCT hash(record_ref)) FILTER (WHERE record_ref IS NOT NULL) AS dup
  FROM _ld_staged WHERE reject_reason IS NULL`;
export const HAS_DUPLICATES_SQL = `SELECT count(*) <> count(DISTINCT record_ref) AS dup FROM _ld_staged WHERE reject_reason IS NULL`;

/** Accepted rows: not rejected, and the first of any repeated key in the file. */
export function acceptedSql(hasDuplicates: boolean): string {
  if (!hasDuplicates) return `CREATE OR REPLACE TEMP VIEW _ld_accepted AS SELECT * FROM _ld_staged WHERE reject_reason IS NULL`;
  return `CREATE OR REPLACE TEMP TABLE _ld_first AS SELECT min(line) AS line FROM _ld_staged WHERE reject_reason IS NULL GROUP BY record_ref;
  CREATE OR REPLACE TEMP VIEW _ld_accepted AS SELECT * FROM _ld_staged WHERE reject_reason IS NULL AND line IN (SELECT line FROM _ld_first)`;
}

export const DUPLICATES_SQL = `SELECT line, record_ref FROM _ld_staged
  WHERE reject_reason IS NULL AND line NOT IN (SELECT line FROM _ld_accepted) ORDER BY line`;

/** Copies accepted rows into the source table, replacing rows with the same keys (run in one transaction). */
export function commitSql(source: SourceId): string[] {
  const cols = storedColumns(source).map(quoteIdent).join(', ');
  return [
    `DELETE FROM ${source} WHERE record_ref IN (SELECT record_ref FROM _ld_accepted)`,
    `INSERT INTO ${source} (${cols}) SELECT ${cols} FROM _ld_accepted`,
  ];
}

/**
 * The other way to the same result, for when the file brings more rows than the table holds:
 * _ld_staged becomes the source table. Copying a million rows cost about two seconds; this copies
 * only the rows already loaded.
 *
 * `prepare` runs before the saving transaction: it leaves _ld_staged the accepted rows only, in
 * the source table's columns (DuckDB cannot commit a transaction that both changes a table's rows
 * and drops its columns). `save` runs in the transaction: the table's rows that the file does not
 * replace join _ld_staged, which then takes the source table's place. The table it replaces is
 * dropped, or with `keepAside` renamed _ld_prev, to be put back if storing the events fails (see
 * PREVIOUS_TABLE).
 */
export function swapInSql(
  source: SourceId,
  hasDuplicates: boolean,
  tableEmpty: boolean,
  keepAside = false,
): { prepare: string[]; save: string[] } {
  const cols = storedColumns(source).map(quoteIdent).join(', ');
  return {
    prepare: [
      `DELETE FROM _ld_staged WHERE reject_reason IS NOT NULL${hasDuplicates ? ' OR line NOT IN (SELECT line FROM _ld_first)' : ''}`,
      ...stagedExtraColumns(source).map((c) => `ALTER TABLE _ld_staged DROP COLUMN ${quoteIdent(c)}`),
    ],
    save: [
      // the complement of commitSql's DELETE, NULL keys included (skipped when there is nothing to
      // keep: it would still hash every key of the file)
      ...(tableEmpty
        ? []
        : [`INSERT INTO _ld_staged (${cols}) SELECT ${cols} FROM ${source} WHERE NOT coalesce(record_ref IN (SELECT record_ref FROM _ld_staged), false)`]),
      keepAside ? `ALTER TABLE ${source} RENAME TO ${PREVIOUS_TABLE}` : `DROP TABLE ${source}`,
      `ALTER TABLE _ld_staged RENAME TO ${source}`,
    ],
  };
}

/**
 * The source table as it was before a load that replaced most of its rows (swapInSql with
 * `keepAside`), kept until the events are stored. A file that is a newer copy of one already
 * loaded replaces every row: copying them aside took as long as writing them, and held a second
 * copy of them beside the table.
 */
export const PREVIOUS_TABLE = '_ld_prev';

/**
 * Whether a load keeps the source table aside whole (renamed, see swapInSql) rather than copying
 * the rows it replaces: only when the staged table takes the table's place, and the file replaces
 * at least half of its rows, so that the table kept aside holds at most twice what a copy would.
 */
export function keepsTableAside(counts: { existing: number; loaded: number; replaced: number }): boolean {
  return counts.existing > 0 && counts.existing <= counts.loaded && counts.replaced * 2 >= counts.existing;
}

export const CLEANUP_SQL = [
  ...['_ld_accepted', '_ld_f', '_ld_rawl'].map((v) => `DROP VIEW IF EXISTS ${v}`),
  ...['_ld_combos', '_ld_maps', '_ld_m', '_ld_first', '_ld_staged', '_ld_pip', '_ld_bng', '_ld_raw', '_ld_rej', '_ld_replaced', PREVIOUS_TABLE, '_ld_rejects', '_ld_reject_scans', '_ld_skips'].map(
    (t) => `DROP TABLE IF EXISTS ${t}`,
  ),
].join('; ');
