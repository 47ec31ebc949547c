import type { Db, SqlValue } from './db-types';
import { filtersToSearch, filtersToSql, type Filters } from './filters';
import { SOURCE_IDS, type SourceId } from './ingest/contracts';
import { SOURCE_DEFS, type PlainSqlType, type SqlType } from './ingest/source-defs';
import { isVocabulary } from './vocabularies';
import { ENUM_COLUMNS, EVENTS_STORE } from './schema';
import { DISTRICTS, inAreaSql, regionName } from './region';

/** The events columns of the data contract, in contract order, with their types. */
export const EVENT_COLUMN_TYPES = {
  source: 'VARCHAR', record_ref: 'VARCHAR', person_ref: 'VARCHAR', event_date: 'DATE', event_month: 'DATE', event_hour: 'INTEGER',
  lsoa21cd: 'VARCHAR', msoa21cd: 'VARCHAR', ward_code: 'VARCHAR', lad24cd: 'VARCHAR', in_area: 'BOOLEAN', latitude: 'DOUBLE', longitude: 'DOUBLE',
  age: 'INTEGER', age_band: 'VARCHAR', sex: 'VARCHAR', ethnicity: 'VARCHAR', weapon: 'VARCHAR', category: 'VARCHAR', role: 'VARCHAR',
} as const satisfies Record<string, PlainSqlType>;

export const EVENT_COLUMNS = Object.keys(EVENT_COLUMN_TYPES) as (keyof typeof EVENT_COLUMN_TYPES)[];

export interface ExportColumn {
  name: string;
  type: PlainSqlType;
}

/** Columns stored with a vocabulary's type are exported as its text. */
const exportType = (type: SqlType): PlainSqlType => (isVocabulary(type) ? 'VARCHAR' : type);

/**
 * The columns of a record export: the events columns, then each exported source's own contract
 * columns that the events view does not already carry, named `<source>_<column>`.
 */
export function exportColumns(sources: readonly SourceId[]): { columns: ExportColumn[]; own: Map<SourceId, { column: string; as: string }[]> } {
  const columns: ExportColumn[] = EVENT_COLUMNS.map((name) => ({ name, type: EVENT_COLUMN_TYPES[name] }));
  const own = new Map<SourceId, { column: string; as: string }[]>();
  for (const source of SOURCE_IDS.filter((s) => sources.includes(s))) {
    const list: { column: string; as: string }[] = [];
    for (const c of SOURCE_DEFS[source].columns) {
      if (c.name in EVENT_COLUMN_TYPES) continue;
      const as = `${source}_${c.name}`;
      list.push({ column: c.name, as });
      columns.push({ name: as, type: exportType(c.type) });
    }
    own.set(source, list);
  }
  return { columns, own };
}

/** A spreadsheet would run text starting with = + - @ tab or CR as a formula: prefix an apostrophe. */
export function neutralisedSql(expr: string, as: string): string {
  return `CASE WHEN regexp_matches(${expr}, '^[=+\\-@\\t\\r]') THEN '''' || ${expr} ELSE ${expr} END AS "${as}"`;
}

function selectColumn(expr: string, as: string, type: SqlType): string {
  if (isVocabulary(type)) return `${expr}::VARCHAR AS "${as}"`;
  return type === 'VARCHAR' ? neutralisedSql(expr, as) : `${expr} AS "${as}"`;
}

/** One batch of an export: one source's records on consecutive days, `from` to `to` (null: no date). */
export interface ExportBatch {
  source: SourceId;
  from: string | null;
  to: string | null;
  rows: number;
}

/**
 * Groups the filtered records' days into batches of about `target` records, in export order (by
 * source, then date): each batch is one source's run of consecutive days, a day is never split
 * (so a batch can hold more than `target`), and records with no date, which sort last, are a batch
 * of their own. `days` must come in that order.
 */
export function planBatches(days: readonly { source: SourceId; day: string | null; n: number }[], target: number): ExportBatch[] {
  const out: ExportBatch[] = [];
  for (const d of days) {
    const last = out.at(-1);
    if (last && last.source === d.source && last.to !== null && d.day !== null && last.rows + d.n <= target) {
      last.to = d.day;
      last.rows += d.n;
    } else {
      out.push({ source: d.source, from: d.day, to: d.day, rows: d.n });
    }
  }
  return out;
}

/** How many filtered records each source has on each day, in export order (DuckDB sorts a missing date last). */
export function exportDaysSql(filters: Filters): { sql: string; params: SqlValue[] } {
  const where = filtersToSql(filters);
  return {
    sql: `SELECT source, strftime(event_date, '%Y-%m-%d') AS day, n FROM (
        SELECT source::VARCHAR AS source, event_date, count(*)::INTEGER AS n FROM ${EVENTS_STORE} WHERE ${where.sql} GROUP BY ALL
      ) ORDER BY source, event_date`,
    params: where.params,
  };
}

/**
 * SQL for one batch's records, sorted by date and record reference: the events columns as `events`
 * has them, then every exported source's own columns (see exportColumns), empty for the other
 * sources. Both tables are filtered to the batch's days as they are read, so only the batch's rows
 * are joined and sorted, and nothing bigger than a batch is ever held (a sorted copy of every
 * record, as exports were first made, took DuckDB's whole memory at 5,000,000 records).
 */
export function exportBatchSql(filters: Filters, sources: readonly SourceId[], batch: ExportBatch): { sql: string; params: SqlValue[] } {
  const { columns, own } = exportColumns(sources);
  const where = filtersToSql(filters, 'e');
  const mine = new Map((own.get(batch.source) ?? []).map((o) => [o.as, o.column]));
  const def = SOURCE_DEFS[batch.source];
  const cols = columns.map((c) => {
    if (c.name in EVENT_COLUMN_TYPES) {
      const name = c.name as keyof typeof EVENT_COLUMN_TYPES;
      // in_area as the region has it (the stored column is Leeds's)
      if (name === 'in_area') return `${inAreaSql(filters.region, 'e')} AS in_area`;
      return selectColumn(name in ENUM_COLUMNS ? `e.${name}::VARCHAR` : `e.${name}`, name, EVENT_COLUMN_TYPES[name]);
    }
    const column = mine.get(c.name);
    return column === undefined ? `NULL::${c.type} AS "${c.name}"` : selectColumn(`s."${column}"`, c.name, def.columns.find((x) => x.name === column)!.type);
  });
  const range = batch.from === null ? ['e.event_date IS NULL AND s.event_date IS NULL', []] as const
    : ['e.event_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) AND s.event_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)', [batch.from, batch.to, batch.from, batch.to]] as const;
  return {
    // ordered by the output's own columns, as written (a record reference may carry the apostrophe)
    sql: `SELECT ${cols.join(', ')} FROM ${EVENTS_STORE} e JOIN ${batch.source} s ON s.record_ref = e.record_ref
      WHERE e.source = '${batch.source}' AND ${range[0]} AND ${where.sql} ORDER BY "event_date", "record_ref"`,
    params: [...range[1], ...where.params],
  };
}

/** The header's columns with no rows, for an export that matches nothing. */
function emptyExportSql(columns: readonly ExportColumn[]): string {
  return `SELECT ${columns.map((c) => `NULL::${c.type} AS "${c.name}"`).join(', ')} WHERE FALSE`;
}

/** The lines written above the header (CSV) or into the file metadata (Parquet). */
export function exportPreamble(filters: Filters, madeAt: Date, synthetic: boolean, what = 'records of the events view'): string[] {
  const query = filtersToSearch({ ...filters, publish: false });
  return [
    `# Partnership Violence Dashboard: ${what}`,
    `# Filters: ${query ? decodeURIComponent(query.slice(1)).replace(/&/g, '; ') : 'none (all records)'}`,
    `# Partnership area: ${filters.region === 'wy' ? `West Yorkshire (${DISTRICTS.map(([, name]) => name).join(', ')})` : regionName(filters.region)}; in_area and area rates follow it`,
    `# Made: ${madeAt.toISOString()}`,
    `# Data: ${synthetic ? 'includes SYNTHETIC demo data, not real records' : 'loaded partner extracts'}`,
    ...(filters.publish ? ['# Publishing mode: counts of 1 to 4 shown as <5, with secondary suppression'] : []),
  ];
}

export interface PreparedExport {
  columns: ExportColumn[];
  rows: number;
  /** the records in order, a batch at a time (none when nothing matches) */
  batches: { sql: string; params: SqlValue[]; rows: number }[];
}

/** Plans an export of the filtered records in batches of about `target` records. */
export async function prepareExport(db: Db, filters: Filters, target: number): Promise<PreparedExport> {
  const q = exportDaysSql(filters);
  const days = await db.query<{ source: SourceId; day: string | null; n: number }>(q.sql, q.params);
  const sources = [...new Set(days.map((d) => d.source))];
  const batches = planBatches(days, target).map((b) => ({ ...exportBatchSql(filters, sources, b), rows: b.rows }));
  const { columns } = exportColumns(sources);
  return { columns, rows: batches.reduce((sum, b) => sum + b.rows, 0), batches };
}

/**
 * About how many records go in one COPY. Writing to DuckDB-wasm's in-memory file slows as the file
 * grows (in the browser, one COPY of 1,000,000 records took 8.0 s, of 300,000 1.2 s, of 100,000
 * 0.3 s), and each batch reads both tables for its days (about half a second at 5,000,000
 * records). Exports of 1,000,000 and 5,000,000 records took 8.9 s and 99 s in batches of 50,000,
 * 8.6 s and 66 s in batches of 100,000.
 */
export const CSV_BATCH_ROWS = 100_000;

/**
 * The filtered records as a CSV file: the preamble, then the text DuckDB writes in its worker (so a
 * million records do not block the page), a batch of records at a time. Each batch's bytes become
 * a Blob as they arrive; the file is those Blobs joined, so no step copies the whole text at once.
 */
export async function exportRecordsCsv(
  db: Db,
  filters: Filters,
  madeAt: Date,
  synthetic: boolean,
  { onProgress = () => undefined, batchRows = CSV_BATCH_ROWS }: { onProgress?: (done: number, total: number) => void; batchRows?: number } = {},
): Promise<Blob> {
  const file = `export-${madeAt.getTime()}.csv`;
  // one snapshot for the plan and every batch: a file loaded meanwhile cannot mix into the export
  return db.readSnapshot(async (snap) => {
    const { columns, rows, batches } = await prepareExport(snap, filters, batchRows);
    const parts: Blob[] = [new Blob([exportPreamble(filters, madeAt, synthetic).join('\n') + '\n'])];
    let done = 0;
    try {
      // the first batch writes the header, even when no record matches
      for (const [i, b] of (batches.length ? batches : [{ sql: emptyExportSql(columns), params: [], rows: 0 }]).entries()) {
        await snap.createOutputFile(file);
        await snap.query(`COPY (${b.sql}) TO '${file}' (FORMAT csv, HEADER ${i === 0}, DELIMITER ',', USE_TMP_FILE false)`, b.params);
        parts.push(new Blob([await snap.readFile(file)]));
        await snap.dropFile(file);
        done += b.rows;
        onProgress(done, rows);
      }
      return new Blob(parts, { type: 'text/csv;charset=utf-8' });
    } finally {
      await snap.dropFile(file).catch(() => undefined);
    }
  });
}

/**
 * What the filter bar says when an export fails. DuckDB's own text for running out of memory
 * suggests settings and a temporary directory the user cannot reach; they can narrow the filters.
 */
export function exportFailureMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  if (/out of memory/i.test(text)) {
    return 'Export failed: the database in this tab ran out of memory. Narrow the filters (a shorter period or fewer sources) and export the records in parts.';
  }
  return `Export failed: ${text}`;
}
