import { detectSource, type SourceId } from '../contracts';
import { openWorkbook, WORKBOOK_LIMITS, WorkbookError, type SheetPart, type WorkbookLimits } from './workbook';
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

/** A value as a CSV field: quoted when it holds a quote, comma or line end, or starts or ends with a space. */
function csvField(v: string): string {
  const n = v.length;
  let quote = v.charCodeAt(0) <= 32 || v.charCodeAt(n - 1) <= 32;
  for (let i = 0; !quote && i < n; i++) {
    const c = v.charCodeAt(i);
    quote = c === 34 || c === 44 || c === 10 || c === 13;
  }
  return quote ? `"${v.replaceAll('"', '""')}"` : v;
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
 * header (or the first sheet, when none has one). Throws WorkbookError when it cannot. With `part`,
 * only the rows of that part of the sheet (see Workbook.rows), the header line only in the first:
 * the parts' texts one after the other are the whole sheet's.
 */
export async function workbookToCsv(
  bytes: Uint8Array,
  sheet?: string,
  limits: WorkbookLimits = WORKBOOK_LIMITS,
  part: SheetPart = { index: 0, count: 1 },
): Promise<WorkbookText> {
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
  const lines = part.index === 0 ? [[...headers, LINE_COLUMN].map(csvField).join(',')] : [];
  const data = await workbook.rows(chosen, part);
  const preview: string[][] = [];
  // one row's fields, reused row after row
  const fields: string[] = Array<string>(width + 1).fill('');
  let count = 0;
  for (let next = data.next(); !next.done; next = data.next()) {
    const { row, cells } = next.value;
    if (row <= header.row || isEmpty(cells, width)) continue;
    for (let i = 0; i < width; i++) {
      const v = cells[i];
      fields[i] = v === undefined || v === '' ? '' : csvField(v);
    }
    fields[width] = String(row);
    if (preview.length < 10) preview.push(Array.from({ length: width }, (_, i) => cells[i] ?? ''));
    lines.push(fields.join(','));
    count++;
  }
  if (lines.length > 0) lines.push('');
  return { sheets, sheet: chosen, headerRow: header.row, headers, preview, csv: new TextEncoder().encode(lines.join('\n')), rows: count };
}
