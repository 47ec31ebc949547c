import { decodeXml } from './xml-text';

// A worksheet's rows from its XML. A sheet of 100,000 rows is tens of megabytes of very regular
// markup (<row><c r="A2" s="1" t="s"><v>3</v></c>…</row>), so it is scanned with indexOf rather
// than through a general XML parser: the shapes SpreadsheetML allows inside <sheetData> are few.

/** How a cell's number shows: a date, a date and time, a time of day, or a plain number. */
export type NumberKind = 'date' | 'datetime' | 'time' | 'number';

export interface SheetRow {
  /** the row's number in the sheet, from 1 */
  row: number;
  /** each cell's text, by column from 0 ('' for an empty cell) */
  cells: string[];
}

export interface CellContext {
  strings: readonly string[];
  /** each cell style's number kind, by style index */
  kinds: readonly NumberKind[];
  date1904: boolean;
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An Excel date serial as text, read as a calendar date and clock time with no time zone: days
 * from 30 December 1899 (Excel counts a 29 February 1900 that never was, so serials below 61 are a
 * day later), or from 1 January 1904 in the 1904 date system.
 */
export function serialToText(serial: number, kind: Exclude<NumberKind, 'number'>, date1904: boolean): string {
  const days = !date1904 && serial > 0 && serial < 61 ? serial + 1 : serial;
  const ms = Math.round(((date1904 ? EPOCH_1904 : EPOCH_1900) + days * DAY_MS) / 1000) * 1000;
  const d = new Date(ms);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (kind === 'time' && serial < 1) return time;
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return kind === 'date' ? date : `${date} ${time}`;
}

/** A row tag's number (its r attribute), or null. */
function rowNumber(tag: string): number | null {
  const m = /\sr\s*=\s*["'](\d+)["']/.exec(tag);
  return m ? Number(m[1]) : null;
}

/** The text of every <t> in an inline string, phonetic runs left out. */
function inlineText(body: string): string {
  const plain = body.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let text = '';
  for (const t of plain.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)) text += t[1] ?? '';
  return decodeXml(text);
}

// A cell's type (its t attribute), as a number: no text is cut out of the sheet to compare.
const T_NUMBER = 0;
const T_SHARED = 1;
const T_STR = 2;
const T_BOOL = 3;
const T_ERROR = 4;
const T_DATE = 5;
const T_INLINE = 6;

/** What a cell's tag says, read in place (one object, reused: a sheet has millions of cells). */
const tagOf = { column: -1, style: -1, type: T_NUMBER };

/** The whole number written at xml[from, to), or -1 if anything else is there. */
function integerAt(xml: string, from: number, to: number): number {
  if (from >= to) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = xml.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Reads the r, s and t attributes of the cell tag at xml[from, to) into tagOf. */
function readCellTag(xml: string, from: number, to: number): void {
  tagOf.column = -1;
  tagOf.style = -1;
  tagOf.type = T_NUMBER;
  for (let eq = xml.indexOf('=', from); eq >= 0 && eq < to; eq = xml.indexOf('=', eq + 1)) {
    const name = xml.charCodeAt(eq - 1);
    const before = xml.charCodeAt(eq - 2);
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    const quote = xml.charCodeAt(eq + 1);
    const start = eq + 2;
    let end = start;
    while (end < to && xml.charCodeAt(end) !== quote) end++;
    if (name === 114 /* r */) {
      let n = 0;
      for (let i = start; i < end; i++) {
        const c = xml.charCodeAt(i) | 32;
        if (c < 97 || c > 122) break;
        n = n * 26 + (c - 96);
      }
      tagOf.column = n - 1;
    } else if (name === 115 /* s */) {
      tagOf.style = integerAt(xml, start, end);
    } else if (name === 116 /* t */) {
      const first = xml.charCodeAt(start);
      const length = end - start;
      tagOf.type =
        first === 115 ? (length === 1 ? T_SHARED : T_STR) : first === 98 ? T_BOOL : first === 101 ? T_ERROR : first === 100 ? T_DATE : first === 105 ? T_INLINE : T_NUMBER;
    }
    eq = end;
  }
}

/**
 * Date and time cells as text, by kind and serial as written: a sheet repeats the same few thousand
 * dates and minutes, and making each one's text (a Date and four padded numbers) took about a
 * fifth of a sheet's scan.
 */
type DateTexts = Map<string, string>;

function dateText(raw: string, kind: Exclude<NumberKind, 'number'>, ctx: CellContext, seen: DateTexts): string {
  const key = `${kind}:${raw}`;
  let text = seen.get(key);
  if (text === undefined) {
    const n = Number(raw);
    text = Number.isFinite(n) ? serialToText(n, kind, ctx.date1904) : raw;
    seen.set(key, text);
  }
  return text;
}

function cellText(type: number, style: number, xml: string, from: number, to: number, ctx: CellContext, seen: DateTexts): string {
  if (type === T_INLINE) return inlineText(xml.slice(from, to));
  const vStart = xml.indexOf('<v', from);
  if (vStart < 0 || vStart > to) return '';
  const open = xml.indexOf('>', vStart);
  if (xml.charCodeAt(open - 1) === 47) return '';
  const found = xml.indexOf('</v>', open);
  const close = found < 0 || found > to ? to : found;
  if (type === T_SHARED) return ctx.strings[integerAt(xml, open + 1, close)] ?? '';
  const raw = xml.slice(open + 1, close);
  switch (type) {
    case T_STR:
      return decodeXml(raw);
    case T_BOOL:
      return raw === '1' ? 'TRUE' : 'FALSE';
    case T_ERROR:
      // an error such as #DIV/0! is no value
      return '';
    case T_DATE:
      // an ISO 8601 date cell: the date and time as written, without a zone
      return decodeXml(raw).replace('T', ' ').replace(/(\.\d+)?(Z|[+-]\d\d:\d\d)?$/, '');
    default: {
      const kind = style < 0 ? 'number' : (ctx.kinds[style] ?? 'number');
      if (kind === 'number' || raw === '') return raw;
      return dateText(raw, kind, ctx, seen);
    }
  }
}

/**
 * The rows of a worksheet's XML, in order, each with its cells' text: all of them, or those whose
 * tag starts within `range` (character positions in `xml`), so that parts of a sheet can be read
 * apart (`<row` cannot occur inside a value, where `<` is written `&lt;`).
 */
export function* sheetXmlRows(xml: string, ctx: CellContext, range?: { from: number; to: number }): Generator<SheetRow> {
  const dataStart = xml.indexOf('<sheetData');
  if (dataStart < 0) return;
  const found = xml.indexOf('</sheetData>', dataStart);
  const dataEnd = Math.min(found < 0 ? xml.length : found, range?.to ?? Infinity);
  let at = Math.max(dataStart, range?.from ?? 0);
  let nextRow = 1;
  const seen: DateTexts = new Map();
  for (;;) {
    const rowStart = xml.indexOf('<row', at);
    if (rowStart < 0 || rowStart > dataEnd) return;
    const rowTagEnd = xml.indexOf('>', rowStart);
    const number = rowNumber(xml.slice(rowStart, rowTagEnd)) ?? nextRow;
    nextRow = number + 1;
    if (xml.charCodeAt(rowTagEnd - 1) === 47) {
      at = rowTagEnd + 1;
      yield { row: number, cells: [] };
      continue;
    }
    const closing = xml.indexOf('</row>', rowTagEnd);
    const rowEnd = closing < 0 ? xml.length : closing;
    at = rowEnd + 6;
    const cells: string[] = [];
    let c = rowTagEnd + 1;
    let col = 0;
    for (;;) {
      const cStart = xml.indexOf('<c', c);
      if (cStart < 0 || cStart > rowEnd) break;
      const next = xml.charCodeAt(cStart + 2);
      // <c …> or <c> only, not <col…>
      if (next !== 32 && next !== 62 && next !== 47 && next !== 9 && next !== 10 && next !== 13) {
        c = cStart + 2;
        continue;
      }
      const cTagEnd = xml.indexOf('>', cStart);
      readCellTag(xml, cStart, cTagEnd);
      col = (tagOf.column < 0 ? col : tagOf.column) + 1;
      if (xml.charCodeAt(cTagEnd - 1) === 47) {
        c = cTagEnd + 1;
        continue;
      }
      const cEnd = xml.indexOf('</c>', cTagEnd);
      const end = cEnd < 0 || cEnd > rowEnd ? rowEnd : cEnd;
      c = end + 4;
      const text = cellText(tagOf.type, tagOf.style, xml, cTagEnd + 1, end, ctx, seen);
      if (text !== '') {
        while (cells.length < col - 1) cells.push('');
        cells[col - 1] = text;
      }
    }
    yield { row: number, cells };
  }
}
