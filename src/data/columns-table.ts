import type { ColumnSpec } from './db-types';
import { quoteIdent, sqlString } from '@/lib/sql';

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  return `"${value.replace(/"/g, '""')}"`;
}

/**
 * Serialises columns as CSV for DuckDB's own reader: an unquoted empty cell is NULL, a quoted
 * one is the empty string. Going through CSV keeps one code path for the browser and Node.
 */
export function columnsToCsv(columns: readonly ColumnSpec[]): Uint8Array {
  const n = columns[0]?.values.length ?? 0;
  const lines: string[] = new Array(n);
  for (let r = 0; r < n; r++) {
    lines[r] = columns.map((c) => csvCell(c.values[r] ?? null)).join(',');
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

export function tableFromCsvSql(name: string, file: string, columns: readonly ColumnSpec[]): string {
  if ((columns[0]?.values.length ?? 0) === 0) {
    const cols = columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ');
    return `CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} (${cols})`;
  }
  const spec = columns.map((c) => `${sqlString(c.name)}: ${sqlString(c.type)}`).join(', ');
  return `CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} AS SELECT * FROM read_csv(${sqlString(file)}, header = false, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, columns = {${spec}})`;
}
