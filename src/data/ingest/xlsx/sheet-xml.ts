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

/** An attribute's value within a tag's text (`tag` from `<` to `>`), or null. */
function attrOf(tag: string, name: string): string | null {
  let at = tag.indexOf(` ${name}="`);
  let quote = '"';
  if (at < 0) {
    at = tag.indexOf(` ${name}='`);
    quote = "'";
  }
  if (at < 0) return null;
  const start = at + name.length + 3;
  const end = tag.indexOf(quote, start);
  return end < 0 ? null : tag.slice(start, end);
}

/** The text of every <t> in an inline string, phonetic runs left out. */
function inlineText(body: string): string {
  const plain = body.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let text = '';
  for (const t of plain.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)) text += t[1] ?? '';
  return decodeXml(text);
}

function cellText(type: string | null, style: string | null, body: string, ctx: CellContext): string {
  if (type === 'inlineStr') return inlineText(body);
  const vStart = body.indexOf('<v');
  if (vStart < 0) return '';
  const open = body.indexOf('>', vStart);
  if (body[open - 1] === '/') return '';
  const close = body.indexOf('</v>', open);
  const raw = body.slice(open + 1, close < 0 ? undefined : close);
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
      const kind = ctx.kinds[Number(style ?? 0)] ?? 'number';
      const n = Number(raw);
      return kind === 'number' || raw === '' || !Number.isFinite(n) ? raw : serialToText(n, kind, ctx.date1904);
    }
  }
}

/** The rows of a worksheet's XML, in order, each with its cells' text. */
export function* sheetXmlRows(xml: string, ctx: CellContext): Generator<SheetRow> {
  const dataStart = xml.indexOf('<sheetData');
  if (dataStart < 0) return;
  const dataEnd = xml.indexOf('</sheetData>', dataStart);
  let at = dataStart;
  let nextRow = 1;
  for (;;) {
    const rowStart = xml.indexOf('<row', at);
    if (rowStart < 0 || (dataEnd >= 0 && rowStart > dataEnd)) return;
    const tagEnd = xml.indexOf('>', rowStart);
    const rowTag = xml.slice(rowStart, tagEnd + 1);
    const number = Number(attrOf(rowTag, 'r') ?? nextRow);
    nextRow = number + 1;
    if (rowTag.endsWith('/>')) {
      at = tagEnd + 1;
      yield { row: number, cells: [] };
      continue;
    }
    const rowEnd = xml.indexOf('</row>', tagEnd);
    const body = xml.slice(tagEnd + 1, rowEnd < 0 ? undefined : rowEnd);
    at = rowEnd < 0 ? xml.length : rowEnd + 6;
    const cells: string[] = [];
    let c = 0;
    let col = 0;
    for (;;) {
      const cStart = body.indexOf('<c', c);
      if (cStart < 0) break;
      const next = body.charCodeAt(cStart + 2);
      // <c …> or <c> only, not <col…>
      if (next !== 32 && next !== 62 && next !== 47 && next !== 9 && next !== 10 && next !== 13) {
        c = cStart + 2;
        continue;
      }
      const cTagEnd = body.indexOf('>', cStart);
      const cTag = body.slice(cStart, cTagEnd + 1);
      const ref = attrOf(cTag, 'r');
      const index = ref === null ? col : columnIndex(ref);
      col = (index < 0 ? col : index) + 1;
      let inner = '';
      if (cTag.endsWith('/>')) {
        c = cTagEnd + 1;
      } else {
        const cEnd = body.indexOf('</c>', cTagEnd);
        inner = body.slice(cTagEnd + 1, cEnd < 0 ? undefined : cEnd);
        c = cEnd < 0 ? body.length : cEnd + 4;
      }
      const text = inner === '' ? '' : cellText(attrOf(cTag, 't'), attrOf(cTag, 's'), inner, ctx);
      if (text !== '') {
        while (cells.length < col - 1) cells.push('');
        cells[col - 1] = text;
      }
    }
    yield { row: number, cells };
  }
}
