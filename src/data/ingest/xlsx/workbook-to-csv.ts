import { detectSource, type SourceId } from '../contracts';
import { openWorkbook, WORKBOOK_LIMITS, WorkbookError, type SheetPart, type Workbook, type WorkbookLimits } from './workbook';
import { csvField, type SheetRow } from './sheet-xml';

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

/**
 * The first of a sheet's first rows that holds a header recognised for a source; `ranOut` when the
 * rows ended before enough were looked at.
 */
function recognisedHeader(rows: Iterator<SheetRow>): { found: { row: SheetRow; source: SourceId } | null; ranOut: boolean } {
  for (let seen = 0; seen < HEADER_SEARCH_ROWS; ) {
    const next = rows.next();
    if (next.done) return { found: null, ranOut: true };
    if (isEmpty(next.value.cells)) continue;
    seen++;
    const source = detectSource(next.value.cells.map((c) => c.trim()));
    if (source) return { found: { row: next.value, source }, ranOut: false };
  }
  return { found: null, ranOut: false };
}

/** A sheet's recognised header, looked for in its head, and in all its rows only when the head holds too few. */
async function sheetHeader(workbook: Workbook, sheet: string): Promise<{ row: SheetRow; source: SourceId } | null> {
  const head = await workbook.head(sheet);
  const inHead = recognisedHeader(head.rows);
  return inHead.ranOut && !head.whole ? recognisedHeader(await workbook.rows(sheet)).found : inHead.found;
}

/** The first row of a sheet with anything in it (looked for in its head first), or null. */
async function firstFilledRow(workbook: Workbook, sheet: string): Promise<SheetRow | null> {
  const head = await workbook.head(sheet);
  for (const rows of [head.rows, ...(head.whole ? [] : [await workbook.rows(sheet)])]) {
    for (let next = rows.next(); !next.done; next = rows.next()) if (!isEmpty(next.value.cells)) return next.value;
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
  const headers = new Map<string, SheetRow>();
  for (const name of workbook.sheetNames) {
    const found = await sheetHeader(workbook, name);
    if (found) headers.set(name, found.row);
    sheets.push({ name, headerRow: found?.row.row ?? null, source: found?.source ?? null });
  }
  const chosen = sheet ?? (sheets.find((s) => s.headerRow !== null) ?? sheets[0]!).name;
  if (!workbook.sheetNames.includes(chosen)) throw new WorkbookError(`The workbook has no sheet called "${chosen}".`);
  // the recognised header, or else the first row with anything in it
  const header = headers.get(chosen) ?? (await firstFilledRow(workbook, chosen));
  if (!header) throw new WorkbookError(`The sheet "${chosen}" is empty.`);
  let width = header.cells.length;
  while (width > 0 && header.cells[width - 1]!.trim() === '') width--;
  const names = Array.from({ length: width }, (_, i) => header.cells[i]?.trim() || `column_${letters(i)}`);
  const firstLine = part.index === 0 ? `${[...names, LINE_COLUMN].map(csvField).join(',')}\n` : '';
  const text = await workbook.csv(chosen, part, { width, afterRow: header.row, firstLine, previewRows: 10 });
  return { sheets, sheet: chosen, headerRow: header.row, headers: names, preview: text.preview, csv: text.csv, rows: text.rows };
}
