import type { Db } from '../db-types';
import type { Locator } from '../place';
import { bngToWgs84 } from '../bng';
import { sqlString } from '@/lib/sql';
import { isOutOfMemory } from '@/lib/error-text';
import { formatCount } from '@/lib/format';
import { inTransaction } from '../transaction';
import { FIELDS, missingRequired, type ColumnMapping, type SourceId } from './contracts';
import { SOURCE_DEFS } from './source-defs';
import { refreshEventsSql } from '../schema';
import { ensureMacros } from '../macros';
import { describeReadFailure } from './read-failure';
import {
  acceptedSql,
  HAS_DUPLICATES_SQL,
  keepsTableAside,
  MAY_HAVE_DUPLICATES_SQL,
  PREVIOUS_TABLE,
  numberLinesSql,
  headerNamesSql,
  readSkippingLongRowsSql,
  LONG_ROWS_SQL,
  MAX_ROW_BYTES,
  nulRowsSql,
  removeNulsSql,
  BNG_POINTS_SQL,
  CLEANUP_SQL,
  commitSql,
  categoryMapSql,
  combinationsSql,
  distinctValuesSql,
  DUPLICATES_SQL,
  fieldsSql,
  LATLON_POINTS_SQL,
  plainDateShapes,
  pointKinds,
  readRawSql,
  rowCountAndDateShapesSql,
  stagedSql,
  swapInSql,
  warningCountsSql,
  type LsoaChange,
  type ReadSpec,
  type WarningCondition,
} from './pipeline-sql';

export interface LoadRequest {
  read: ReadSpec;
  source: SourceId;
  /** field → header; fields left out are matched by name and alias */
  mapping: ColumnMapping;
  fileName: string;
  fileSize: number;
  fileHash: string;
  extractId: string;
  /** the day the file is loaded, YYYY-MM-DD: later dates are invalid */
  today: string;
  /** local time of the load, YYYY-MM-DD HH:MM:SS */
  loadedAt: string;
  isDemo?: boolean;
  /** file-wide warnings (the text's encoding), counted against every row read */
  fileWarnings?: readonly string[];
  /** where in the file the rows were read from (a workbook's sheet and header row) */
  readFrom?: string;
  /**
   * Whether the text is known to hold no NUL byte (see nul-bytes.ts), perhaps still being found
   * out; when not given, or not known to be so, the load looks for them in every value.
   */
  noNulBytes?: Promise<boolean>;
}

export interface LoadDeps {
  db: Db;
  locator: Locator;
  /** runs the statement that reads the file (cancellable in the browser); falls back to db.exec */
  readFile?: (sql: string) => Promise<void>;
  onStage?: (stage: LoadStage) => void;
  signal?: AbortSignal;
  /**
   * Stop before saving: the file is read, checked and normalised as for a load, the report says
   * what a load would do, and nothing is kept.
   */
  dryRun?: boolean;
}

export interface Warning {
  kind: string;
  count: number;
  /** the line where it first occurs */
  firstLine: number | null;
  example: string | null;
}

export interface LoadReport {
  extractId: string;
  fileName: string;
  source: SourceId;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  rowsDuplicate: number;
  /** rows already loaded from an earlier file that this one replaced (same keys) */
  rowsReplaced: number;
  firstRejections: { line: number; reason: string }[];
  warnings: Warning[];
  dateFrom: string | null;
  dateTo: string | null;
  /** where in the file the rows were read from (a workbook's sheet and header row), if not the whole text */
  readFrom: string | null;
}

/** A file that cannot be loaded at all; nothing already loaded is changed. */
export class LoadError extends Error {
  constructor(
    readonly fileName: string,
    message: string,
    /** the text is not UTF-8 beyond the part the Data page looked at: it may be read as Windows-1252 */
    readonly notUtf8 = false,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}

/** Why a row left out of the read for its length is rejected. */
export const LONG_ROW_REASON = `row longer than ${MAX_ROW_BYTES / 1024 / 1024} MB (a value of more than 16 MB)`;

const SHOWN_REJECTIONS = 100;

/**
 * The steps of a load, with the share of the time each took on a 1,000,000-row file with LSOA codes
 * (the benchmark's medians on DuckDB's threaded build, two runs of 7 December, evening: 1.1 to
 * 1.3 s reading, 0.3 s checking, 1.8 to 1.9 s normalising, 0.6 s saving).
 */
export const LOAD_STAGES = [
  { name: 'Reading the file', share: 0.3 },
  { name: 'Checking values', share: 0.08 },
  { name: 'Finding places', share: 0.01 },
  { name: 'Normalising', share: 0.46 },
  { name: 'Saving', share: 0.15 },
] as const;

export interface LoadStage {
  name: string;
  /** 1-based */
  step: number;
  steps: number;
  /** share of the whole load done before this step starts */
  done: number;
  /** rows in the file, once it has been read */
  rows: number | null;
}

function stageInfo(index: number, rows: number | null = null): LoadStage {
  const done = LOAD_STAGES.slice(0, index).reduce((s, x) => s + x.share, 0);
  return { name: LOAD_STAGES[index]!.name, step: index + 1, steps: LOAD_STAGES.length, done, rows };
}

function checkAborted(signal: AbortSignal | undefined, fileName: string): void {
  if (signal?.aborted) throw new LoadError(fileName, 'Loading was cancelled; nothing was changed.');
}

async function buildMaps(db: Db, source: SourceId, mapping: ColumnMapping): Promise<void> {
  const categorical = SOURCE_DEFS[source].categorical;
  if (categorical.length === 0) return;
  const fields = categorical.map((c) => c.field);
  await db.exec(combinationsSql(fields, mapping));
  const lists = (await db.query(distinctValuesSql(fields)))[0] ?? {};
  // every field's mapping in one table, then split by field (one round trip instead of two per field)
  const all: { field: string; raw: string | null; value: string | null; known: string }[] = [];
  for (const [i, c] of categorical.entries()) {
    const values = lists[`v${i}`];
    // Blank (NULL) always gets a row too, so the join maps it like any other value.
    for (const raw of [null, ...(Array.isArray(values) ? (values as string[]) : [])]) {
      const m = c.map(raw);
      all.push({ field: c.field, raw, value: m.value === null ? null : String(m.value), known: String(m.known) });
    }
  }
  await db.createTableFromColumns('_ld_maps', [
    { name: 'field', type: 'VARCHAR', values: all.map((m) => m.field) },
    { name: 'raw', type: 'VARCHAR', values: all.map((m) => m.raw) },
    { name: 'value', type: 'VARCHAR', values: all.map((m) => m.value) },
    { name: 'known', type: 'VARCHAR', values: all.map((m) => m.known) },
  ]);
  await db.exec(
    categorical
      .map((c) => `CREATE OR REPLACE TEMP TABLE _ld_m_${c.field} AS SELECT raw, value::${c.type} AS value, known::BOOLEAN AS known FROM _ld_maps WHERE field = ${sqlString(c.field)}`)
      .join(';\n'),
  );
  await db.exec(categoryMapSql(fields));
}

/** Boundaries are simplified to 15 m, so a point this close to an LSOA but in none is given to it. */
export const SNAP_METRES = 30;

function placePoint(locator: Locator, lon: number, lat: number): { lsoa: string | null; lad: string | null; snapped: string } {
  const inside = locator.locate(lon, lat);
  const lsoa = inside ?? locator.nearest(lon, lat, SNAP_METRES);
  return { lsoa, lad: lsoa === null ? null : locator.district(lsoa), snapped: String(inside === null && lsoa !== null) };
}

async function locatePoints(db: Db, locator: Locator, kinds: { latLon: boolean; grid: boolean }): Promise<void> {
  const pts = kinds.latLon ? await db.query<{ lat: number; lon: number }>(LATLON_POINTS_SQL) : [];
  const placed = pts.map((p) => placePoint(locator, p.lon, p.lat));
  await db.createTableFromColumns('_ld_pip', [
    { name: 'lat', type: 'DOUBLE', values: pts.map((p) => p.lat) },
    { name: 'lon', type: 'DOUBLE', values: pts.map((p) => p.lon) },
    { name: 'lsoa', type: 'VARCHAR', values: placed.map((p) => p.lsoa) },
    { name: 'lad', type: 'VARCHAR', values: placed.map((p) => p.lad) },
    { name: 'snapped', type: 'VARCHAR', values: placed.map((p) => p.snapped) },
  ]);
  const grid = kinds.grid ? await db.query<{ e: number; n: number }>(BNG_POINTS_SQL) : [];
  const converted = grid.map((g) => bngToWgs84(g.e, g.n));
  const placedGrid = converted.map((c) => placePoint(locator, c[0], c[1]));
  await db.createTableFromColumns('_ld_bng', [
    { name: 'e', type: 'DOUBLE', values: grid.map((g) => g.e) },
    { name: 'n', type: 'DOUBLE', values: grid.map((g) => g.n) },
    { name: 'lat', type: 'DOUBLE', values: converted.map((c) => c[1]) },
    { name: 'lon', type: 'DOUBLE', values: converted.map((c) => c[0]) },
    { name: 'lsoa', type: 'VARCHAR', values: placedGrid.map((p) => p.lsoa) },
    { name: 'lad', type: 'VARCHAR', values: placedGrid.map((p) => p.lad) },
    { name: 'snapped', type: 'VARCHAR', values: placedGrid.map((p) => p.snapped) },
  ]);
}

interface WarningKind {
  kind: string;
  when: WarningCondition;
  /** a query for one example value (the first line's), run only when the warning occurs */
  example: string | null;
}

function warningKinds(source: SourceId): WarningKind[] {
  const def = SOURCE_DEFS[source];
  return [
    ...def.categorical.map((c) => ({
      kind: c.warning,
      when: { combination: `NOT coalesce(m.m_${c.field}.known, true)` },
      example: `SELECT raw FROM _ld_m_${c.field} WHERE NOT known AND raw IS NOT NULL ORDER BY raw LIMIT 1`,
    })),
    ...Object.keys(def.warnings).map((kind, i) => ({ kind, when: { row: `wx_${i}` }, example: null })),
    { kind: 'unrecognised LSOA code (place unknown)', when: { row: 'w_bad_lsoa' }, example: 'SELECT lsoa_given FROM _ld_f WHERE lsoa_given IS NOT NULL AND NOT lsoa_valid ORDER BY _line LIMIT 1' },
    { kind: 'coordinates out of range (place unknown)', when: { row: 'w_bad_point' }, example: null },
    {
      kind: 'place outside Leeds, elsewhere in West Yorkshire (kept; in the area when the partnership area is West Yorkshire)',
      when: { row: 'in_area = false AND lad24cd IS NOT NULL' },
      example: "SELECT coalesce(lsoa21cd, latitude || ', ' || longitude) FROM _ld_staged WHERE in_area = false AND lad24cd IS NOT NULL AND reject_reason IS NULL ORDER BY line LIMIT 1",
    },
    {
      kind: 'place outside West Yorkshire (kept, not mapped)',
      when: { row: 'in_area = false AND lad24cd IS NULL' },
      example: "SELECT coalesce(lsoa21cd, latitude || ', ' || longitude) FROM _ld_staged WHERE in_area = false AND lad24cd IS NULL AND reject_reason IS NULL ORDER BY line LIMIT 1",
    },
    {
      kind: `point outside every LSOA boundary, given the LSOA within ${SNAP_METRES} m`,
      when: { row: 'w_point_gap' },
      example: "SELECT latitude || ', ' || longitude FROM _ld_staged WHERE w_point_gap AND reject_reason IS NULL ORDER BY line LIMIT 1",
    },
    {
      kind: 'LSOA code of 2011 split into several in 2021 (kept in its district, in no LSOA)',
      when: { row: 'w_lsoa_split' },
      example: 'SELECT lsoa_given FROM _ld_f WHERE lsoa_split ORDER BY _line LIMIT 1',
    },
  ];
}

async function collectWarnings(
  db: Db,
  source: SourceId,
  rowsDuplicate: number,
  firstDuplicate: { line: number; record_ref: string } | undefined,
): Promise<Warning[]> {
  const kinds = warningKinds(source);
  const r = (await db.query(warningCountsSql(kinds.map((k) => k.when), SOURCE_DEFS[source].categorical.length > 0)))[0] ?? {};
  const out: Warning[] = [];
  for (const [i, k] of kinds.entries()) {
    const count = Number(r[`n${i}`] ?? 0);
    if (count === 0) continue;
    const existing = out.find((w) => w.kind === k.kind);
    const line = r[`l${i}`] == null ? null : Number(r[`l${i}`]);
    if (existing) {
      existing.count += count;
      if (line !== null && (existing.firstLine === null || line < existing.firstLine)) existing.firstLine = line;
      continue;
    }
    const example = k.example ? (Object.values((await db.query(k.example))[0] ?? {})[0] ?? null) : null;
    out.push({ kind: k.kind, count, firstLine: line, example: example === null ? null : String(example) });
  }
  if (rowsDuplicate > 0) {
    out.push({ kind: 'repeated key in the file (later rows dropped)', count: rowsDuplicate, firstLine: firstDuplicate?.line ?? null, example: firstDuplicate?.record_ref ?? null });
  }
  return out;
}

/**
 * Takes a saved extract out again and puts back the rows it replaced (kept in _ld_replaced), or
 * the whole table as it was (kept aside as PREVIOUS_TABLE).
 */
async function undoSave(db: Db, source: SourceId, extractId: string, keptAside: boolean): Promise<void> {
  await inTransaction(db, async () => {
    for (const table of ['load_rejections', 'load_warnings', 'extracts']) await db.query(`DELETE FROM ${table} WHERE extract_id = ?`, [extractId]);
    if (keptAside) {
      await db.exec(`DROP TABLE ${source}; ALTER TABLE ${PREVIOUS_TABLE} RENAME TO ${source}`);
    } else {
      await db.query(`DELETE FROM ${source} WHERE extract_id = ?`, [extractId]);
      await db.exec(`INSERT INTO ${source} SELECT * FROM _ld_replaced`);
    }
  });
}

/**
 * What the user is told when DuckDB runs out of memory during a load, for the step it was at: its
 * own message says to set a temporary directory or names a block size, neither of which the user
 * can act on. With other extracts loaded, taking one out makes room; with none, the file itself is
 * more than the tab can hold.
 */
async function outOfMemoryMessage(db: Db, stage: LoadStage): Promise<string> {
  const rows = stage.rows === null ? '' : ` (${formatCount(stage.rows)} rows)`;
  const what = `DuckDB ran out of memory while ${stage.name.toLowerCase()}${rows}`;
  // a count of a few rows still runs when a load could not; if even that fails, the usual advice
  const others = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM extracts').then((r) => r[0]?.n ?? 0, () => 1);
  if (others === 0) return `${what}, with no other extract loaded: the file is more than this browser tab can hold; load part of it (fewer months, say).`;
  return `${what}: remove a loaded extract and try again, or load a smaller file.`;
}

/** A failure while saving, in the user's words. */
async function savingFailed(db: Db, fileName: string, e: unknown, stage: LoadStage): Promise<LoadError> {
  if (isOutOfMemory(e)) return new LoadError(fileName, await outOfMemoryMessage(db, stage));
  return new LoadError(fileName, `Saving failed, nothing was changed: ${e instanceof Error ? e.message : String(e)}`);
}

/**
 * Loads one partner file into its source table. Everything is staged in temporary tables first;
 * the source table changes only at the end, in one transaction, and the stored events in a second
 * one; if that fails the first is undone, so a failure leaves loaded data as it was.
 */
export async function loadExtract(req: LoadRequest, deps: LoadDeps): Promise<LoadReport> {
  const { db, signal } = deps;
  // the step the load is at, named if DuckDB runs out of memory
  let current = stageInfo(0);
  const stage = (s: LoadStage) => {
    current = s;
    deps.onStage?.(s);
  };
  const mapTables = SOURCE_DEFS[req.source].categorical.map((c) => `DROP TABLE IF EXISTS _ld_m_${c.field}`);
  let longRows: number[] = [];
  try {
    stage(stageInfo(0));
    await ensureMacros(db);
    try {
      await (deps.readFile ?? ((sql: string) => db.exec(sql)))(readRawSql(req.read));
    } catch (e) {
      if (signal?.aborted) throw new LoadError(req.fileName, 'Loading was cancelled; nothing was changed.');
      // the file is fine: reading it again to find a faulty row would only run out of memory again
      if (isOutOfMemory(e)) throw e;
      const failure = await describeReadFailure(db, req.read, e);
      if (!failure.onlyLongRows) throw new LoadError(req.fileName, failure.message, failure.notUtf8);
      // rows too long to read are rejected, one by one; the rest of the file loads
      const names = Object.values((await db.query(headerNamesSql(req.read)))[0] ?? {}).map((v) => String(v ?? ''));
      await db.exec(readSkippingLongRowsSql(req.read, names));
      longRows = (await db.query<{ line: number }>(LONG_ROWS_SQL)).map((r) => r.line);
    }
    // The rows are in _ld_raw now: DuckDB's copy of the file is let go, so the memory it took is
    // used again by the next steps instead of more being taken.
    await db.dropFile(req.read.file);
    checkAborted(signal, req.fileName);
    await db.exec(numberLinesSql(req.read, longRows.length > 0));

    const headers = (await db.query<{ column_name: string }>('SELECT column_name FROM (DESCRIBE _ld_raw)'))
      .map((r) => r.column_name)
      .filter((h) => h !== req.read.lineColumn);
    // stray NUL bytes (a fault of some exports) are taken out, and counted
    const noNuls = await (req.noNulBytes ?? Promise.resolve(false)).catch(() => false);
    const nuls = noNuls ? undefined : (await db.query<{ n: number; line: number | null }>(nulRowsSql(headers)))[0];
    if (nuls && nuls.n > 0) await db.exec(removeNulsSql([...headers, ...(req.read.lineColumn ? [req.read.lineColumn] : [])]));
    const mapping: ColumnMapping = {};
    for (const [field, header] of Object.entries(req.mapping)) {
      if (!FIELDS[req.source].some((f) => f.name === field)) continue;
      if (!headers.includes(header)) throw new LoadError(req.fileName, `The column "${header}" chosen for ${field} is not in the file.`);
      mapping[field] = header;
    }
    const missing = missingRequired(req.source, mapping);
    if (missing.length > 0) {
      throw new LoadError(
        req.fileName,
        `Required column${missing.length > 1 ? 's' : ''} missing for a ${req.source} extract: ${missing.join(', ')}. The file's columns are: ${headers.join(', ')}.`,
      );
    }
    const counted = (await db.query(rowCountAndDateShapesSql(req.source, mapping)))[0] ?? {};
    const rowsRead = Number(counted.n ?? 0) + longRows.length;
    if (rowsRead === 0) throw new LoadError(req.fileName, 'The file has a header row but no data rows.');

    stage(stageInfo(1, rowsRead));
    const lsoaChanges = await db.query<LsoaChange & Record<string, string>>('SELECT lsoa11cd, change, lsoa21cd, ward_code, lad_code FROM ref_lsoa11_changed ORDER BY lsoa11cd');
    await db.exec(fieldsSql(req.source, mapping, lsoaChanges, plainDateShapes(req.source, counted)));
    await buildMaps(db, req.source, mapping);
    checkAborted(signal, req.fileName);

    stage(stageInfo(2, rowsRead));
    await locatePoints(db, deps.locator, pointKinds(req.source, mapping));
    checkAborted(signal, req.fileName);

    stage(stageInfo(3, rowsRead));
    await db.exec(stagedSql(req.source, { today: req.today, fileHash: req.fileHash, extractId: req.extractId }));
    const check = async (sql: string) => Boolean((await db.query<{ dup: boolean }>(sql))[0]?.dup);
    const hasDuplicates = (await check(MAY_HAVE_DUPLICATES_SQL)) && (await check(HAS_DUPLICATES_SQL));
    await db.exec(acceptedSql(hasDuplicates));
    const duplicates = hasDuplicates ? await db.query<{ line: number; record_ref: string }>(DUPLICATES_SQL) : [];
    const counts = (
      await db.query<{ rejected: number; loaded: number; replaced: number; existing: number; date_from: string | null; date_to: string | null }>(
        `SELECT (SELECT count(*) FROM _ld_staged WHERE reject_reason IS NOT NULL)::INTEGER AS rejected,
                (SELECT count(*) FROM ${req.source})::INTEGER AS existing,
                (SELECT count(*) FROM _ld_accepted)::INTEGER AS loaded,
                (SELECT count(*) FROM ${req.source} WHERE record_ref IN (SELECT record_ref FROM _ld_accepted))::INTEGER AS replaced,
                (SELECT min(event_date) FROM _ld_accepted) AS date_from, (SELECT max(event_date) FROM _ld_accepted) AS date_to`,
      )
    )[0]!;
    const firstRejections = [
      ...(await db.query<{ line: number; reason: string }>(
        `SELECT line, reject_reason AS reason FROM _ld_staged WHERE reject_reason IS NOT NULL ORDER BY line LIMIT ${SHOWN_REJECTIONS}`,
      )),
      ...longRows.map((line) => ({ line, reason: LONG_ROW_REASON })),
    ]
      .sort((a, b) => a.line - b.line)
      .slice(0, SHOWN_REJECTIONS);
    const warnings = [
      ...req.fileWarnings?.map((kind) => ({ kind, count: rowsRead, firstLine: null, example: null })) ?? [],
      ...(nuls && nuls.n > 0 ? [{ kind: 'NUL bytes removed from the text', count: nuls.n, firstLine: nuls.line, example: null }] : []),
      ...(await collectWarnings(db, req.source, duplicates.length, duplicates[0])),
    ];
    checkAborted(signal, req.fileName);
    const report: LoadReport = {
      extractId: req.extractId,
      fileName: req.fileName,
      source: req.source,
      rowsRead,
      rowsLoaded: counts.loaded,
      rowsRejected: counts.rejected + longRows.length,
      rowsDuplicate: duplicates.length,
      rowsReplaced: counts.replaced,
      firstRejections,
      warnings,
      dateFrom: counts.date_from,
      dateTo: counts.date_to,
      readFrom: req.readFrom ?? null,
    };
    if (deps.dryRun) return report;

    stage(stageInfo(4, rowsRead));
    const id = sqlString(req.extractId);
    // The rejected rows' text is kept; then the file's raw copy is let go before saving, so the
    // largest moment of a load holds one copy of the file fewer.
    await db.exec(
      `CREATE OR REPLACE TEMP TABLE _ld_rej AS SELECT s.line, s.reject_reason, regexp_replace(r::VARCHAR, '^\\{''_line'': \\d+, ', '{') AS record FROM _ld_staged s JOIN _ld_rawl r ON r._line = s.line WHERE s.reject_reason IS NOT NULL`,
    );
    await db.exec('DROP VIEW IF EXISTS _ld_f; DROP VIEW IF EXISTS _ld_rawl; DROP TABLE IF EXISTS _ld_raw');
    // the rows this file replaces are kept until the events are stored, to put back on failure:
    // copied aside, or, when they are most of the table, the table itself kept under another name
    const keepAside = keepsTableAside(counts);
    if (!keepAside) {
      await db.exec(`CREATE OR REPLACE TEMP TABLE _ld_replaced AS SELECT * FROM ${req.source} WHERE record_ref IN (SELECT record_ref FROM _ld_accepted)`);
    }
    // whichever copies fewer rows: the file's into the table, or the table's into the file's
    let save = commitSql(req.source);
    if (counts.existing <= counts.loaded) {
      const swap = swapInSql(req.source, hasDuplicates, counts.existing === 0, keepAside);
      try {
        for (const sql of swap.prepare) await db.exec(sql);
      } catch (e) {
        // only the staged rows have changed so far
        throw await savingFailed(db, req.fileName, e, current);
      }
      save = swap.save;
    }
    try {
      await inTransaction(db, async () => {
        for (const sql of save) await db.exec(sql);
        await db.exec(`INSERT INTO load_rejections SELECT ${id}, line, reject_reason, record FROM _ld_rej`);
        for (const line of longRows) await db.exec(`INSERT INTO load_rejections VALUES (${id}, ${line}, ${sqlString(LONG_ROW_REASON)}, NULL)`);
        for (const w of warnings) {
          await db.exec(
            `INSERT INTO load_warnings VALUES (${id}, ${sqlString(w.kind)}, ${w.count}, ${w.example === null ? 'NULL' : sqlString(w.example)})`,
          );
        }
        await db.exec(
          `INSERT INTO extracts VALUES (${id}, ${sqlString(req.source)}, ${sqlString(req.fileName)}, ${req.fileSize}, ${rowsRead}, ${counts.loaded},
            ${counts.rejected + longRows.length}, ${duplicates.length}, TIMESTAMP ${sqlString(req.loadedAt)}, ${req.isDemo ? 'true' : 'false'})`,
        );
      });
    } catch (e) {
      throw await savingFailed(db, req.fileName, e, current);
    }
    // The staged rows are in the source table now. Letting them go before the events are stored
    // makes the largest moment of a load hold one copy of the file's rows fewer (freed only after
    // a commit); if storing the events fails, the saved rows are taken out again.
    await db.exec('DROP VIEW IF EXISTS _ld_accepted; DROP TABLE IF EXISTS _ld_first; DROP TABLE IF EXISTS _ld_staged; DROP TABLE IF EXISTS _ld_rej');
    try {
      await inTransaction(db, async () => {
        for (const sql of refreshEventsSql(req.source)) await db.exec(sql);
      });
    } catch (e) {
      await undoSave(db, req.source, req.extractId, keepAside);
      throw await savingFailed(db, req.fileName, e, current);
    }
    return report;
  } catch (e) {
    if (!(e instanceof LoadError) && isOutOfMemory(e)) throw new LoadError(req.fileName, await outOfMemoryMessage(db, current));
    throw e;
  } finally {
    await db.exec([CLEANUP_SQL, ...mapTables].join('; '));
  }
}
