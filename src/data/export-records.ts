import type { Db } from './db-types';
import { filtersToSearch, filtersToSql, type Filters } from './filters';

/** The events columns of the data contract, in contract order. */
export const EVENT_COLUMNS = [
  'source', 'record_ref', 'person_ref', 'event_date', 'event_month', 'event_hour', 'lsoa21cd', 'msoa21cd', 'ward_code',
  'in_area', 'latitude', 'longitude', 'age', 'age_band', 'sex', 'ethnicity', 'weapon', 'category', 'role',
] as const;

const TEXT_COLUMNS = new Set(['source', 'record_ref', 'person_ref', 'lsoa21cd', 'msoa21cd', 'ward_code', 'age_band', 'sex', 'ethnicity', 'weapon', 'category', 'role']);

/** A spreadsheet would run text starting with = + - @ tab or CR as a formula: prefix an apostrophe. */
export function neutralisedColumnSql(column: string): string {
  if (!TEXT_COLUMNS.has(column)) return column;
  return `CASE WHEN regexp_matches(${column}, '^[=+\\-@\\t\\r]') THEN '''' || ${column} ELSE ${column} END AS ${column}`;
}

/** The lines written above the header: what the file holds, under which filters, made when. */
export function exportPreamble(filters: Filters, madeAt: Date, synthetic: boolean): string[] {
  const query = filtersToSearch({ ...filters, publish: false });
  return [
    `# Partnership Violence Dashboard: records of the events view`,
    `# Filters: ${query ? decodeURIComponent(query.slice(1)).replace(/&/g, '; ') : 'none (all records)'}`,
    `# Made: ${madeAt.toISOString()}`,
    `# Data: ${synthetic ? 'includes SYNTHETIC demo data, not real records' : 'loaded partner extracts'}`,
  ];
}

/**
 * The filtered records as CSV bytes. DuckDB selects and writes the file in its worker, so a
 * million records do not block the page; only the finished bytes come back.
 */
export async function exportRecordsCsv(db: Db, filters: Filters, madeAt: Date, synthetic: boolean): Promise<Uint8Array> {
  const where = filtersToSql(filters);
  const file = `export-${madeAt.getTime()}.csv`;
  await db.query(
    `CREATE OR REPLACE TEMP TABLE _export AS SELECT ${EVENT_COLUMNS.map(neutralisedColumnSql).join(', ')} FROM events WHERE ${where.sql} ORDER BY source, event_date, record_ref`,
    where.params,
  );
  try {
    await db.createOutputFile(file);
    await db.exec(`COPY _export TO '${file}' (FORMAT csv, HEADER, DELIMITER ',', USE_TMP_FILE false)`);
    const body = await db.readFile(file);
    const head = new TextEncoder().encode(exportPreamble(filters, madeAt, synthetic).join('\n') + '\n');
    const out = new Uint8Array(head.length + body.length);
    out.set(head, 0);
    out.set(body, head.length);
    return out;
  } finally {
    await db.exec(`DROP TABLE IF EXISTS _export`);
    await db.dropFile(file).catch(() => undefined);
  }
}
