import type { Db, SqlValue } from './db-types';
import { filtersToSearch, filtersToSql, type Filters } from './filters';
import { SOURCE_IDS, type SourceId } from './ingest/contracts';
import { SOURCE_DEFS, type PlainSqlType, type SqlType } from './ingest/source-defs';
import { isVocabulary } from './vocabularies';

/** The events columns of the data contract, in contract order, with their types. */
export const EVENT_COLUMN_TYPES = {
  source: 'VARCHAR', record_ref: 'VARCHAR', person_ref: 'VARCHAR', event_date: 'DATE', event_month: 'DATE', event_hour: 'INTEGER',
  lsoa21cd: 'VARCHAR', msoa21cd: 'VARCHAR', ward_code: 'VARCHAR', in_area: 'BOOLEAN', latitude: 'DOUBLE', longitude: 'DOUBLE',
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

/**
 * SQL that fills `_export` with the filtered records, one SELECT per source joined to its own
 * table by record_ref, ordered by source, date and record reference. Every filter value is bound
 * (once per source).
 */
export function exportTableSql(filters: Filters, sources: readonly SourceId[]): { sql: string; params: SqlValue[] } {
  const { own } = exportColumns(sources);
  const where = filtersToSql(filters, 'e');
  const params: SqlValue[] = [];
  const parts: string[] = [];
  for (const [source, list] of own) {
    const cols = [
      ...EVENT_COLUMNS.map((c) => selectColumn(`e.${c}`, c, EVENT_COLUMN_TYPES[c])),
      ...list.map((o) => selectColumn(`s."${o.column}"`, o.as, SOURCE_DEFS[source].columns.find((c) => c.name === o.column)!.type)),
    ];
    parts.push(`SELECT ${cols.join(', ')} FROM events e JOIN ${source} s ON s.record_ref = e.record_ref WHERE e.source = '${source}' AND ${where.sql}`);
    params.push(...where.params);
  }
  const body = parts.length ? parts.join('\nUNION ALL BY NAME\n') : `SELECT ${EVENT_COLUMNS.map((c) => `NULL::${EVENT_COLUMN_TYPES[c]} AS ${c}`).join(', ')} WHERE FALSE`;
  return { sql: `CREATE OR REPLACE TEMP TABLE _export AS SELECT * FROM (${body}) ORDER BY source, event_date, record_ref`, params };
}

/** The lines written above the header (CSV) or into the file metadata (Parquet). */
export function exportPreamble(filters: Filters, madeAt: Date, synthetic: boolean, what = 'records of the events view'): string[] {
  const query = filtersToSearch({ ...filters, publish: false });
  return [
    `# Partnership Violence Dashboard: ${what}`,
    `# Filters: ${query ? decodeURIComponent(query.slice(1)).replace(/&/g, '; ') : 'none (all records)'}`,
    `# Made: ${madeAt.toISOString()}`,
    `# Data: ${synthetic ? 'includes SYNTHETIC demo data, not real records' : 'loaded partner extracts'}`,
    ...(filters.publish ? ['# Publishing mode: counts of 1 to 4 shown as <5, with secondary suppression'] : []),
  ];
}

/** Builds `_export` for the filters and returns its columns and row count. */
export async function prepareExport(db: Db, filters: Filters): Promise<{ columns: ExportColumn[]; rows: number }> {
  const where = filtersToSql(filters);
  const present = (await db.query<{ source: string }>(`SELECT DISTINCT source FROM events WHERE ${where.sql}`, where.params)).map((r) => r.source as SourceId);
  const table = exportTableSql(filters, present);
  await db.query(table.sql, table.params);
  const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM _export`)) as [{ n: number }];
  return { columns: exportColumns(present).columns, rows: n };
}

export const DROP_EXPORT_SQL = `DROP TABLE IF EXISTS _export`;

/**
 * Records per COPY. Writing to DuckDB-wasm's in-memory file slows as the file grows (in the
 * browser, one COPY of 1,000,000 records took 8.0 s, of 300,000 1.2 s, of 100,000 0.3 s), so the
 * text is written and taken out a batch at a time: 20 batches of 50,000 took 3.5 s in all.
 */
export const CSV_BATCH_ROWS = 50_000;

/**
 * The filtered records as a CSV file: the preamble, then the text DuckDB writes in its worker (so a
 * million records do not block the page), a batch of rows at a time, in the order of `_export`.
 * Each batch's bytes become a Blob as they arrive; the file is those Blobs joined, so no step
 * copies the whole text at once.
 */
export async function exportRecordsCsv(
  db: Db,
  filters: Filters,
  madeAt: Date,
  synthetic: boolean,
  { onProgress = () => undefined, batchRows = CSV_BATCH_ROWS }: { onProgress?: (done: number, total: number) => void; batchRows?: number } = {},
): Promise<Blob> {
  const file = `export-${madeAt.getTime()}.csv`;
  try {
    const { rows } = await prepareExport(db, filters);
    const parts: Blob[] = [new Blob([exportPreamble(filters, madeAt, synthetic).join('\n') + '\n'])];
    // the first batch writes the header, even when no record matches
    for (let from = 0; from === 0 || from < rows; from += batchRows) {
      await db.createOutputFile(file);
      await db.query(
        `COPY (SELECT * FROM _export WHERE rowid >= ? AND rowid < ? ORDER BY rowid) TO '${file}' (FORMAT csv, HEADER ${from === 0}, DELIMITER ',', USE_TMP_FILE false)`,
        [from, from + batchRows],
      );
      parts.push(new Blob([await db.readFile(file)]));
      await db.dropFile(file);
      onProgress(Math.min(rows, from + batchRows), rows);
    }
    return new Blob(parts, { type: 'text/csv;charset=utf-8' });
  } finally {
    await db.exec(DROP_EXPORT_SQL);
    await db.dropFile(file).catch(() => undefined);
  }
}
