import { decodeXml, stripPrefixes } from './xml-text';

// A worksheet's rows from its XML. A sheet of 100,000 rows is tens of megabytes of very regular
// markup (<row><c r="A2" s="1" t="s"><v>3</v></c>…</row>), so it is scanned as bytes, tag by tag,
// rather than decoded to text and given to a general XML parser: the shapes SpreadsheetML allows
// inside <sheetData> are few. A cell's value is kept as where its bytes are (a number), which
// shared string it is, or (for the rare inline or formula text) its text, so rows written as CSV
// copy bytes and never become strings.

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


/** A part of a sheet whose rows carry no numbers (no r attribute): it cannot be read apart from the rows before it. */
export class UnnumberedRowsError extends Error {
  constructor() {
    super("The sheet's rows carry no row numbers, so it is read whole.");
    this.name = 'UnnumberedRowsError';
  }
}

/** The text of every <t> in an inline string, phonetic runs left out. */
function inlineText(body: string): string {
  const plain = stripPrefixes(body).replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let text = '';
  for (const t of plain.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)) text += t[1] ?? '';
  return decodeXml(text);
}

// A cell's type (its t attribute), as a number.
const T_NUMBER = 0;
const T_SHARED = 1;
const T_STR = 2;
const T_BOOL = 3;
const T_ERROR = 4;
const T_DATE = 5;
const T_INLINE = 6;

// What a field of the current row holds.
const F_EMPTY = 0;
/** a number, as the bytes at [a, b) */
const F_RAW = 1;
/** shared string a */
const F_SHARED = 2;
/** text[i] */
const F_TEXT = 3;
/** a date serial at [a, b): F_DATE + its kind's place in DATE_KINDS */
const F_DATE = 4;

// The elements the scanner tells apart, by local name (any namespace prefix skipped).
const E_OTHER = 0;
const E_ROW = 1;
const E_C = 2;
const E_V = 3;
const E_SHEETDATA = 4;

const SHEETDATA = [115, 104, 101, 101, 116, 68, 97, 116, 97];
const DATE_KINDS: readonly Exclude<NumberKind, 'number'>[] = ['date', 'datetime', 'time'];

/** Excel's columns, A to XFD. */
const MAX_COLUMNS = 16384;

const isSpace = (b: number) => b === 32 || b === 9 || b === 10 || b === 13;

/** A growing buffer of bytes. */
class ByteWriter {
  bytes: Uint8Array;
  length = 0;
  constructor(size: number) {
    this.bytes = new Uint8Array(Math.max(1024, size));
  }
  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
  byte(b: number): void {
    this.room(1);
    this.bytes[this.length++] = b;
  }
  copy(from: Uint8Array, start = 0, end = from.length): void {
    const n = end - start;
    this.room(n);
    const out = this.bytes;
    // a field is a few bytes: copied by hand, without a view made to copy it
    if (n <= 32) for (let i = start, o = this.length; i < end; i++, o++) out[o] = from[i]!;
    else out.set(from.subarray(start, end), this.length);
    this.length += n;
  }
  integer(n: number): void {
    if (n >= 10) this.integer(Math.floor(n / 10));
    this.byte(48 + (n % 10));
  }
}

/**
 * Reads a sheet's rows one at a time: `next()` moves to the next row and fills its fields (kind,
 * a, b, text by column), so that a caller can write them out without making a string of each.
 */
class RowCursor {
  row = 0;
  /** one past the last column with a value in this row */
  width = 0;
  kind = new Uint8Array(64);
  a = new Int32Array(64);
  b = new Int32Array(64);
  text: string[] = [];
  private at: number;
  private end: number;
  private nextRow = 1;
  private readonly decoder = new TextDecoder();
  /** where the last name read ends, and whether its tag was a closing one */
  private nameEnd = 0;
  private closing = false;

  constructor(
    private readonly data: Uint8Array,
    private readonly ctx: CellContext,
    private readonly continued: boolean,
  ) {
    this.end = data.length;
    this.at = 0;
    if (!continued) {
      // the rows start after <sheetData>
      this.at = data.length;
      for (let lt = this.find(60, 0); lt >= 0; lt = this.find(60, lt + 1)) {
        if (this.element(lt) === E_SHEETDATA && !this.closing) {
          this.at = lt + 1;
          break;
        }
      }
    }
  }

  /**
   * Where the next `byte` at or after `from` is, or -1. A loop of its own: the runs between a
   * sheet's tags are a few bytes long, where TypedArray.indexOf costs more to call than to search.
   */
  private find(byte: number, from: number): number {
    const d = this.data;
    const end = this.end;
    let p = from;
    while (p < end && d[p] !== byte) p++;
    return p < end ? p : -1;
  }

  /** The element whose tag starts at `lt` (a '<'), by local name; sets nameEnd and closing. */
  private element(lt: number): number {
    const d = this.data;
    let p = lt + 1;
    this.closing = d[p] === 47;
    if (this.closing) p++;
    let start = p;
    for (; p < this.end; p++) {
      const b = d[p]!;
      if (b === 58) start = p + 1;
      else if (b === 62 || b === 47 || isSpace(b)) break;
    }
    this.nameEnd = p;
    const n = p - start;
    const c0 = d[start];
    if (n === 1) return c0 === 99 ? E_C : c0 === 118 ? E_V : E_OTHER;
    if (n === 3) return c0 === 114 && d[start + 1] === 111 && d[start + 2] === 119 ? E_ROW : E_OTHER;
    if (n === 9) {
      for (let i = 0; i < 9; i++) if (d[start + i] !== SHEETDATA[i]) return E_OTHER;
      return E_SHEETDATA;
    }
    return E_OTHER;
  }

  // the r, s and t attributes of the last tag read: where their values start and end (-1 if absent)
  private rFrom = -1;
  private rTo = -1;
  private sFrom = -1;
  private sTo = -1;
  private tFrom = -1;
  private tTo = -1;

  /** Reads a tag's one-letter attributes r, s and t from nameEnd to its '>', and returns where the '>' is. */
  private attributes(): number {
    const d = this.data;
    this.rFrom = this.sFrom = this.tFrom = -1;
    let p = this.nameEnd;
    for (; p < this.end; p++) {
      const b = d[p]!;
      if (b === 62) return p;
      if (b !== 61) continue;
      const name = d[p - 1]!;
      const q = p + 1;
      const quote = d[q];
      let close = q + 1;
      while (close < this.end && d[close] !== quote) close++;
      if (isSpace(d[p - 2] ?? 0)) {
        if (name === 114) {
          this.rFrom = q + 1;
          this.rTo = close;
        } else if (name === 115) {
          this.sFrom = q + 1;
          this.sTo = close;
        } else if (name === 116) {
          this.tFrom = q + 1;
          this.tTo = close;
        }
      }
      p = close;
    }
    return p;
  }

  private integer(from: number, to: number): number {
    const d = this.data;
    if (from >= to) return -1;
    let n = 0;
    for (let i = from; i < to; i++) {
      const x = d[i]! - 48;
      if (x < 0 || x > 9) return -1;
      n = n * 10 + x;
    }
    return n;
  }

  private set(col: number, kind: number, a: number, b: number, text = ''): void {
    if (col >= this.kind.length) {
      const size = Math.max(col + 1, this.kind.length * 2);
      const grow = <T extends Uint8Array | Int32Array>(from: T, to: T): T => {
        to.set(from);
        return to;
      };
      this.kind = grow(this.kind, new Uint8Array(size));
      this.a = grow(this.a, new Int32Array(size));
      this.b = grow(this.b, new Int32Array(size));
    }
    while (this.width < col) this.kind[this.width++] = F_EMPTY;
    this.kind[col] = kind;
    this.a[col] = a;
    this.b[col] = b;
    if (kind === F_TEXT) this.text[col] = text;
    if (col >= this.width) this.width = col + 1;
  }

  /** Moves to the next row; false when there are no more. */
  next(): boolean {
    const d = this.data;
    for (;;) {
      const lt = this.find(60, this.at);
      if (lt < 0 || lt >= this.end) return false;
      const el = this.element(lt);
      if (el === E_SHEETDATA && this.closing) {
        this.at = this.end;
        return false;
      }
      if (el !== E_ROW || this.closing) {
        this.at = lt + 1;
        continue;
      }
      const gt = this.attributes();
      const given = this.rFrom < 0 ? -1 : this.integer(this.rFrom, this.rTo);
      if (given < 0 && this.continued) throw new UnnumberedRowsError();
      this.row = given < 0 ? this.nextRow : given;
      this.nextRow = this.row + 1;
      this.width = 0;
      this.at = gt + 1;
      if (d[gt - 1] !== 47) this.cells();
      return true;
    }
  }

  /** Reads the current row's cells, up to its </row>. */
  private cells(): void {
    const d = this.data;
    let col = -1;
    for (;;) {
      const lt = this.find(60, this.at);
      if (lt < 0 || lt >= this.end) {
        this.at = this.end;
        return;
      }
      const el = this.element(lt);
      if (el === E_ROW && this.closing) {
        this.at = lt + 1;
        return;
      }
      if (el !== E_C || this.closing) {
        // a row that does not close before the next starts ends there
        if (el === E_ROW || (el === E_SHEETDATA && this.closing)) {
          this.at = lt;
          return;
        }
        this.at = lt + 1;
        continue;
      }
      const gt = this.attributes();
      let ref = -1;
      if (this.rFrom >= 0) {
        let n = 0;
        for (let i = this.rFrom; i < this.rTo; i++) {
          const c = d[i]! | 32;
          if (c < 97 || c > 122) break;
          n = n * 26 + (c - 96);
        }
        ref = n - 1;
      }
      const style = this.sFrom < 0 ? -1 : this.integer(this.sFrom, this.sTo);
      let type = T_NUMBER;
      if (this.tFrom >= 0) {
        const first = d[this.tFrom];
        const length = this.tTo - this.tFrom;
        type = first === 115 ? (length === 1 ? T_SHARED : T_STR) : first === 98 ? T_BOOL : first === 101 ? T_ERROR : first === 100 ? T_DATE : first === 105 ? T_INLINE : T_NUMBER;
      }
      col = ref < 0 ? col + 1 : ref;
      if (col >= MAX_COLUMNS) throw new Error(`The sheet has a cell beyond Excel's last column (XFD) in row ${this.row}: the workbook is damaged. Save it again from Excel, or as CSV.`);
      this.at = gt + 1;
      if (d[gt - 1] === 47) continue;
      this.cell(col, type, style, gt + 1);
    }
  }

  /** Reads a cell's content from `from` to its </c>, and sets its field. */
  private cell(col: number, type: number, style: number, from: number): void {
    const d = this.data;
    let vFrom = -1;
    let vTo = -1;
    let end = this.end;
    for (let p = from; ; ) {
      const lt = this.find(60, p);
      if (lt < 0 || lt >= this.end) break;
      const el = this.element(lt);
      if (this.closing && (el === E_C || el === E_ROW)) {
        end = lt;
        this.at = el === E_C ? this.find(62, this.nameEnd) + 1 : lt;
        break;
      }
      if (el === E_V && !this.closing) {
        const gt = this.find(62, this.nameEnd);
        if (d[gt - 1] === 47) {
          p = gt + 1;
          continue;
        }
        vFrom = gt + 1;
        vTo = this.find(60, vFrom);
        if (vTo < 0) vTo = this.end;
        // past the </v> that ends the value
        p = d[vTo + 1] === 47 ? this.find(62, vTo) + 1 || this.end : vTo;
        continue;
      }
      p = lt + 1;
    }
    if (end === this.end) this.at = this.end;
    if (type === T_INLINE) {
      const text = inlineText(this.decoder.decode(d.subarray(from, end)));
      if (text !== '') this.set(col, F_TEXT, 0, 0, text);
      return;
    }
    if (vFrom < 0 || vTo <= vFrom) return;
    if (type === T_SHARED) {
      const i = this.integer(vFrom, vTo);
      if (i >= 0 && i < this.ctx.strings.length && this.ctx.strings[i] !== '') this.set(col, F_SHARED, i, 0);
      return;
    }
    if (type === T_NUMBER) {
      const kind = style < 0 ? 'number' : (this.ctx.kinds[style] ?? 'number');
      if (kind === 'number') this.set(col, F_RAW, vFrom, vTo);
      else this.set(col, F_DATE + DATE_KINDS.indexOf(kind), vFrom, vTo);
      return;
    }
    const raw = this.decoder.decode(d.subarray(vFrom, vTo));
    let text: string;
    if (type === T_STR) text = decodeXml(raw);
    else if (type === T_BOOL) text = raw === '1' ? 'TRUE' : 'FALSE';
    // an error such as #DIV/0! is no value
    else if (type === T_ERROR) text = '';
    // an ISO 8601 date cell: the date and time as written, without a zone
    else text = decodeXml(raw).replace('T', ' ').replace(/(\.\d+)?(Z|[+-]\d\d:\d\d)?$/, '');
    if (text !== '') this.set(col, F_TEXT, 0, 0, text);
  }

  /** The sheet's bytes, which fields' a and b point into. */
  get bytes(): Uint8Array {
    return this.data;
  }

  /** The ASCII text at [a, b) (a number as written). */
  ascii(a: number, b: number): string {
    let s = '';
    for (let i = a; i < b; i++) s += String.fromCharCode(this.data[i]!);
    return s;
  }
}

/**
 * Date and time cells' text (and its CSV bytes), by kind and serial as written: a sheet repeats the
 * same few thousand dates and minutes, and making each one's text (a Date and four padded numbers)
 * took about a fifth of a sheet's scan. Looked up by a hash of the serial's bytes, so that no
 * string is made to look one up.
 */
class DateTexts {
  private readonly seen = new Map<number, { raw: Uint8Array; kind: number; text: string; bytes: Uint8Array }[]>();
  private readonly encoder = new TextEncoder();
  constructor(private readonly date1904: boolean) {}
  get(data: Uint8Array, a: number, b: number, kind: number): { text: string; bytes: Uint8Array } {
    let h = 2166136261 ^ kind;
    for (let i = a; i < b; i++) h = Math.imul(h ^ data[i]!, 16777619);
    const bucket = this.seen.get(h);
    for (let k = 0; bucket !== undefined && k < bucket.length; k++) {
      const e = bucket[k]!;
      if (e.kind !== kind || e.raw.length !== b - a) continue;
      let same = true;
      for (let i = 0; same && i < e.raw.length; i++) same = e.raw[i] === data[a + i];
      if (same) return e;
    }
    let raw = '';
    for (let i = a; i < b; i++) raw += String.fromCharCode(data[i]!);
    const n = Number(raw);
    const text = Number.isFinite(n) ? serialToText(n, DATE_KINDS[kind]!, this.date1904) : raw;
    const entry = { raw: data.slice(a, b), kind, text, bytes: this.encoder.encode(text) };
    if (bucket) bucket.push(entry);
    else this.seen.set(h, [entry]);
    return entry;
  }
}

/** The UTF-8 length of a string, as TextEncoder writes it (a lone surrogate as three bytes). */
function utf8Length(v: string): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < v.length && (v.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Every shared string as a CSV field, in one run of bytes (field i at [at[i], at[i + 1])), and which are blank. */
class SharedFields {
  readonly bytes: Uint8Array;
  readonly at: Int32Array;
  readonly blank: Uint8Array;
  constructor(strings: readonly string[]) {
    const fields = strings.map(csvField);
    this.bytes = new TextEncoder().encode(fields.join(''));
    this.at = new Int32Array(strings.length + 1);
    this.blank = new Uint8Array(strings.length);
    for (let i = 0; i < strings.length; i++) {
      this.at[i + 1] = this.at[i]! + utf8Length(fields[i]!);
      this.blank[i] = strings[i]!.trim() === '' ? 1 : 0;
    }
  }
}

/** A field of the cursor's current row as text. */
function fieldText(cur: RowCursor, i: number, ctx: CellContext, dates: DateTexts): string {
  switch (cur.kind[i]) {
    case F_RAW:
      return cur.ascii(cur.a[i]!, cur.b[i]!);
    case F_SHARED:
      return ctx.strings[cur.a[i]!] ?? '';
    case F_TEXT:
      return cur.text[i] ?? '';
    case F_EMPTY:
      return '';
    default:
      return dates.get(cur.bytes, cur.a[i]!, cur.b[i]!, cur.kind[i]! - F_DATE).text;
  }
}

/**
 * The rows of a worksheet's XML, in order, each with its cells' text. With `continued`, the bytes
 * are a later part of a sheet's rows, cut just before a row tag (see Workbook.rows): they have no
 * <sheetData> to look for, and their rows must say their numbers.
 */
export function* sheetXmlRows(data: Uint8Array, ctx: CellContext, continued = false): Generator<SheetRow> {
  const cur = new RowCursor(data, ctx, continued);
  const dates = new DateTexts(ctx.date1904);
  while (cur.next()) {
    const cells: string[] = [];
    for (let i = 0; i < cur.width; i++) {
      const text = fieldText(cur, i, ctx, dates);
      if (text !== '') {
        while (cells.length < i) cells.push('');
        cells[i] = text;
      }
    }
    yield { row: cur.row, cells };
  }
}

/** A value as a CSV field: quoted when it holds a quote, comma or line end, or starts or ends with a space. */
export function csvField(v: string): string {
  const n = v.length;
  let quote = v.charCodeAt(0) <= 32 || v.charCodeAt(n - 1) <= 32;
  for (let i = 0; !quote && i < n; i++) {
    const c = v.charCodeAt(i);
    quote = c === 34 || c === 44 || c === 10 || c === 13;
  }
  return quote ? `"${v.replaceAll('"', '""')}"` : v;
}

export interface SheetCsv {
  /** the rows as CSV, each ending with its row number in the sheet */
  csv: Uint8Array;
  rows: number;
  /** the first rows' first `width` cells as text */
  preview: string[][];
}

/**
 * A sheet's rows after `afterRow` as CSV: the first `width` cells of each row with anything in
 * them, then the row's number, after `firstLine` (the header). Values are copied as bytes: a
 * shared string's CSV field is made once, a date's text once per distinct serial.
 */
export function sheetCsv(
  data: Uint8Array,
  ctx: CellContext,
  options: { width: number; afterRow: number; continued: boolean; firstLine: string; previewRows: number },
): SheetCsv {
  const { width } = options;
  const cur = new RowCursor(data, ctx, options.continued);
  const dates = new DateTexts(ctx.date1904);
  const encoder = new TextEncoder();
  const out = new ByteWriter(data.length / 3);
  out.copy(encoder.encode(options.firstLine));
  const shared = new SharedFields(ctx.strings);
  const preview: string[][] = [];
  let rows = 0;
  while (cur.next()) {
    if (cur.row <= options.afterRow) continue;
    const w = Math.min(width, cur.width);
    let filled = false;
    for (let i = 0; i < w && !filled; i++) {
      const kind = cur.kind[i];
      if (kind === F_RAW || kind! >= F_DATE) filled = true;
      else if (kind === F_SHARED) filled = shared.blank[cur.a[i]!] === 0;
      else if (kind === F_TEXT) filled = (cur.text[i] ?? '').trim() !== '';
    }
    if (!filled) continue;
    for (let i = 0; i < width; i++) {
      if (i > 0) out.byte(44);
      if (i >= w) continue;
      switch (cur.kind[i]) {
        case F_RAW:
          out.copy(data, cur.a[i]!, cur.b[i]!);
          break;
        case F_SHARED:
          out.copy(shared.bytes, shared.at[cur.a[i]!]!, shared.at[cur.a[i]! + 1]!);
          break;
        case F_TEXT:
          out.copy(encoder.encode(csvField(cur.text[i] ?? '')));
          break;
        case F_EMPTY:
          break;
        default:
          out.copy(dates.get(data, cur.a[i]!, cur.b[i]!, cur.kind[i]! - F_DATE).bytes);
      }
    }
    out.byte(44);
    out.integer(cur.row);
    out.byte(10);
    if (preview.length < options.previewRows) preview.push(Array.from({ length: width }, (_, i) => (i < w ? fieldText(cur, i, ctx, dates) : '')));
    rows++;
  }
  return { csv: out.bytes.subarray(0, out.length), rows, preview };
}
