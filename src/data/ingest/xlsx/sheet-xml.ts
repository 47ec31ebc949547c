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

/** A cell reference's column, from 0 ("A1" → 0, "AB12" → 27); -1 when it has none. */
export function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : n - 1;
}

/** An attribute's value within a tag's text (from `<` to `>`), or null; `name` is a one-letter name. */
function attrOf(tag: string, name: 'r' | 's' | 't'): string | null {
  let at = tag.indexOf(NEEDLES[name]);
  let quote = '"';
  if (at < 0) {
    // single quotes are legal XML, if rare
    if (!tag.includes("'")) return null;
    at = tag.indexOf(` ${name}='`);
    quote = "'";
    if (at < 0) return null;
  }
  const end = tag.indexOf(quote, at + 4);
  return end < 0 ? null : tag.slice(at + 4, end);
}

const NEEDLES = { r: ' r="', s: ' s="', t: ' t="' } as const;

/** The text of every <t> in an inline string, phonetic runs left out. */
function inlineText(body: string): string {
  const plain = body.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let text = '';
  for (const t of plain.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)) text += t[1] ?? '';
  return decodeXml(text);
}

function cellText(type: string | null, style: string | null, xml: string, from: number, to: number, ctx: CellContext): string {
  if (type === 'inlineStr') return inlineText(xml.slice(from, to));
  const vStart = xml.indexOf('<v', from);
  if (vStart < 0 || vStart > to) return '';
  const open = xml.indexOf('>', vStart);
  if (xml.charCodeAt(open - 1) === 47) return '';
  const close = xml.indexOf('</v>', open);
  const raw = xml.slice(open + 1, close < 0 || close > to ? to : close);
  switch (type) {
    case 's':
      return ctx.strings[Number(raw)] ?? '';
    case 'str':
      return decodeXml(raw);
    case 'b':
      return raw === '1' ? 'TRUE' : 'FALSE';
    case 'e':
      // an error such as #DIV/0! is no value
      return '';
    case 'd':
      // an ISO 8601 date cell: the date and time as written, without a zone
      return decodeXml(raw).replace('T', ' ').replace(/(\.\d+)?(Z|[+-]\d\d:\d\d)?$/, '');
    default: {
      const kind = style === null ? 'number' : (ctx.kinds[Number(style)] ?? 'number');
      const n = Number(raw);
      return kind === 'number' || raw === '' || !Number.isFinite(n) ? raw : serialToText(n, kind, ctx.date1904);
    }
  }
}

/** The rows of a worksheet's XML, in order, each with its cells' text. */
export function* sheetXmlRows(xml: string, ctx: CellContext): Generator<SheetRow> {
  const dataStart = xml.indexOf('<sheetData');
  if (dataStart < 0) return;
  const found = xml.indexOf('</sheetData>', dataStart);
  const dataEnd = found < 0 ? xml.length : found;
  let at = dataStart;
  let nextRow = 1;
  for (;;) {
    const rowStart = xml.indexOf('<row', at);
    if (rowStart < 0 || rowStart > dataEnd) return;
    const rowTagEnd = xml.indexOf('>', rowStart);
    const number = Number(attrOf(xml.slice(rowStart, rowTagEnd), 'r') ?? nextRow);
    nextRow = number + 1;
    if (xml.charCodeAt(rowTagEnd - 1) === 47) {
      at = rowTagEnd + 1;
      yield { row: number, cells: [] };
      continue;
    }
    const closing = xml.indexOf('</row>', rowTagEnd);
    const rowEnd = closing < 0 ? dataEnd : closing;
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
      const tag = xml.slice(cStart, cTagEnd);
      const ref = attrOf(tag, 'r');
      const index = ref === null ? col : columnIndex(ref);
      col = (index < 0 ? col : index) + 1;
      if (xml.charCodeAt(cTagEnd - 1) === 47) {
        c = cTagEnd + 1;
        continue;
      }
      const cEnd = xml.indexOf('</c>', cTagEnd);
      const end = cEnd < 0 || cEnd > rowEnd ? rowEnd : cEnd;
      c = end + 4;
      const text = cellText(attrOf(tag, 't'), attrOf(tag, 's'), xml, cTagEnd + 1, end, ctx);
      if (text !== '') {
        while (cells.length < col - 1) cells.push('');
        cells[col - 1] = text;
      }
    }
    yield { row: number, cells };
  }
}
