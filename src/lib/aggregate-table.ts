import { toCsv } from './csv';
import { formatCount } from './format';
import { isSmall, suppressionMask, SUPPRESSED, SUPPRESSED_DERIVED } from './suppression';

// The numbers behind a chart, as one table that the chart, its HTML table alternative and its CSV
// export all read, so publishing-mode rules are applied once, the same way, everywhere.

export type CellValue = string | number | null;

export interface AggColumn {
  key: string;
  label: string;
  /**
   * label: text. count: a count cell, part of the suppression table. total: a count shown as a
   * total of other cells (hidden when 1–4, never the target of secondary suppression). value: a
   * rate, share or ratio, hidden when a count it rests on is hidden.
   */
  kind: 'label' | 'count' | 'total' | 'value';
  /** for a value: the count or total columns of the same row it is computed from */
  basedOn?: readonly string[];
  /** for a value: how it is shown on screen (CSV keeps full precision) */
  format?: (n: number) => string;
}

export interface AggTable {
  columns: readonly AggColumn[];
  rows: readonly Record<string, CellValue>[];
  /** whether row totals and/or column totals of the count cells are shown or can be derived */
  totals?: { rows: boolean; columns: boolean };
}

export interface ShapedCell {
  /** what the screen shows */
  text: string;
  /** what the CSV holds: the full-precision number, or the suppression marker */
  csv: string;
  /** the number a chart may draw: null when hidden or missing */
  value: number | null;
  numeric: boolean;
  hidden: boolean;
}

/** Applies publishing-mode rules to a table: primary and secondary suppression, and derived values. */
export function shapeTable(table: AggTable, publish: boolean): ShapedCell[][] {
  const countCols = table.columns.filter((c) => c.kind === 'count');
  const matrix = table.rows.map((r) => countCols.map((c) => num(r[c.key])));
  const mask = publish ? suppressionMask(matrix, table.totals ?? { rows: false, columns: false }) : matrix.map((r) => r.map(() => false));
  return table.rows.map((row, i) => {
    const hiddenKeys = new Set<string>();
    countCols.forEach((c, j) => mask[i]![j] && hiddenKeys.add(c.key));
    for (const c of table.columns) if (publish && c.kind === 'total' && isSmall(num(row[c.key]))) hiddenKeys.add(c.key);
    return table.columns.map((c): ShapedCell => {
      const raw = row[c.key] ?? null;
      if (c.kind === 'label') {
        const text = raw === null ? '' : String(raw);
        return { text, csv: text, value: null, numeric: false, hidden: false };
      }
      if (raw === null || typeof raw === 'string' || !Number.isFinite(raw)) {
        const text = typeof raw === 'string' ? raw : '—';
        return { text, csv: typeof raw === 'string' ? raw : '', value: null, numeric: true, hidden: false };
      }
      if (c.kind === 'value') {
        if (publish && (c.basedOn ?? []).some((k) => hiddenKeys.has(k))) return { text: SUPPRESSED_DERIVED, csv: SUPPRESSED_DERIVED, value: null, numeric: true, hidden: true };
        return { text: (c.format ?? String)(raw), csv: String(raw), value: raw, numeric: true, hidden: false };
      }
      if (hiddenKeys.has(c.key)) return { text: SUPPRESSED, csv: SUPPRESSED, value: null, numeric: true, hidden: true };
      return { text: formatCount(raw), csv: String(raw), value: raw, numeric: true, hidden: false };
    });
  });
}

function num(v: CellValue | undefined): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/**
 * The table as rows of chart-ready values: hidden counts and values become null (a gap, never a
 * bar of the hidden size), and `<key>:text` holds what a tooltip or label shows.
 */
export function chartRows(table: AggTable, publish: boolean): Record<string, CellValue>[] {
  const shaped = shapeTable(table, publish);
  return shaped.map((cells, i) => {
    const out: Record<string, CellValue> = { ...table.rows[i] };
    table.columns.forEach((c, j) => {
      if (c.kind === 'label') return;
      out[c.key] = cells[j]!.value;
      out[`${c.key}:text`] = cells[j]!.text;
    });
    return out;
  });
}

/** The table as CSV, under the export's preamble, with the same suppression as the screen. */
export function tableCsv(table: AggTable, publish: boolean, preamble: readonly string[]): string {
  const shaped = shapeTable(table, publish);
  const labels = table.columns.map((c) => c.label);
  const rows = shaped.map((cells) => Object.fromEntries(cells.map((cell, j) => [labels[j]!, cell.csv])));
  return toCsv(labels, rows, preamble.map((l) => l.replace(/^# /, '')));
}
