import { detectSource, type SourceId } from '../contracts';
import { openWorkbook, WORKBOOK_LIMITS, WorkbookError, type WorkbookLimits } from './workbook';
import type { SheetRow } from './sheet-xml';

// A workbook's sheet as CSV text that the load reads like any other file: the sheet whose rows
// hold a header recognised for a source, from that header on, empty rows left out. Each row
// carries its own row number in a last column, so rejections name the sheet's rows.

/** The column that carries each row's number in the sheet (not a field of any extract). */
export const LINE_COLUMN = '_sheet_row';

/** How far down a sheet its header is looked for, past titles and notes. */
export const HEADER_SEARCH_ROWS = 30;

export interface SheetChoice {
  name: string;
  /** the row holding a header recognised for a source, or null */
  headerRow: number | null;
  source: SourceId | null;
}

export interface WorkbookText {
  sheets: SheetChoice[];
  /** the sheet read, and the row its header was taken from */
  sheet: string;
  headerRow: number;
  headers: string[];
  preview: string[][];
  /** the rows as UTF-8 CSV, LINE_COLUMN last */
  csv: Uint8Array;
  rows: number;
}

function isEmpty(cells: readonly string[], width = cells.length): boolean {
  for (let i = 0; i < width && i < cells.length; i++) if (cells[i]!.trim() !== '') return false;
  return true;
}

const letters = (i: number): string => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function csvField(v: string): string {
  return NEEDS_QUOTES.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** The first of a sheet's first rows that holds a header recognised for a source. */
function recognisedHeader(rows: Iterator<SheetRow>): { row: SheetRow; source: SourceId } | null {
  for (let seen = 0; seen < HEADER_SEARCH_ROWS; ) {
    const next = rows.next();
    if (next.done) return null;
    if (isEmpty(next.value.cells)) continue;
    seen++;
    const source = detectSource(next.value.cells.map((c) => c.trim()));
    if (source) return { row: next.value, source };
  }
  return null;
}

/**
 * Reads a workbook's sheet as CSV: `sheet` when given, else the first sheet with a recognised
 * header (or the first sheet, when none has one). Throws WorkbookError when it cannot.
 */
export async function workbookToCsv(bytes: Uint8Array, sheet?: string, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<WorkbookText> {
  const workbook = await openWorkbook(bytes, limits);
  const sheets: SheetChoice[] = [];
  for (const name of workbook.sheetNames) {
    const found = recognisedHeader(await workbook.rows(name));
    sheets.push({ name, headerRow: found?.row.row ?? null, source: found?.source ?? null });
  }
  const chosen = sheet ?? (sheets.find((s) => s.headerRow !== null) ?? sheets[0]!).name;
  if (!workbook.sheetNames.includes(chosen)) throw new WorkbookError(`The workbook has no sheet called "${chosen}".`);
  const rows = await workbook.rows(chosen);
  const wanted = sheets.find((s) => s.name === chosen)?.headerRow ?? null;
  let header: SheetRow | null = null;
  for (let next = rows.next(); !next.done; next = rows.next()) {
    // the recognised header, or else the first row with anything in it
    if (wanted === null ? !isEmpty(next.value.cells) : next.value.row === wanted) {
      header = next.value;
      break;
    }
  }
  if (!header) throw new WorkbookError(`The sheet "${chosen}" is empty.`);
  let width = header.cells.length;
  while (width > 0 && header.cells[width - 1]!.trim() === '') width--;
  const headers = Array.from({ length: width }, (_, i) => header.cells[i]?.trim() || `column_${letters(i)}`);
  const lines = [[...headers, LINE_COLUMN].map(csvField).join(',')];
  const preview: string[][] = [];
  let count = 0;
  for (let next = rows.next(); !next.done; next = rows.next()) {
    const { row, cells } = next.value;
    if (isEmpty(cells, width)) continue;
    let line = '';
    for (let i = 0; i < width; i++) {
      const v = cells[i];
      line += v === undefined || v === '' ? ',' : `${csvField(v)},`;
    }
    if (preview.length < 10) preview.push(Array.from({ length: width }, (_, i) => cells[i] ?? ''));
    lines.push(line + row);
    count++;
  }
  lines.push('');
  return { sheets, sheet: chosen, headerRow: header.row, headers, preview, csv: new TextEncoder().encode(lines.join('\n')), rows: count };
}
