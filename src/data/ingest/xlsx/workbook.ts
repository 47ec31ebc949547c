import { sheetCsv, sheetXmlRows, type NumberKind, type SheetCsv, type SheetRow } from './sheet-xml';
import { decodeXml, stripPrefixes } from './xml-text';
import { unpackEntry, zipEntries, ZipError, type ZipEntry } from './zip-entries';

// An Excel workbook (.xlsx) opened for reading: its parts are unpacked (zip-entries.ts) after their
// sizes are checked, and the few parts a sheet's values need are read here. Formulas are not
// evaluated: a cell's cached value is what Excel last showed.

/** A workbook that cannot be read, with the reason in the user's words. */
export class WorkbookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookError';
  }
}

export interface WorkbookLimits {
  /** the most the parts read may unpack to, in all */
  maxBytes: number;
  /** a part unpacking to more than this many times its packed size is a zip bomb, not a sheet */
  maxRatio: number;
}

/**
 * 512 MiB unpacked keeps a sheet's text within what a browser tab can hold beside DuckDB's own
 * memory; sheets of real data pack 5 to 30 times, a zip bomb a thousand times.
 */
export const WORKBOOK_LIMITS: WorkbookLimits = { maxBytes: 512 * 1024 * 1024, maxRatio: 200 };

export interface SheetPart {
  index: number;
  count: number;
}

export interface Workbook {
  sheetNames: string[];
  /** All the rows of a sheet, by name. */
  rows(sheet: string): Promise<Generator<SheetRow>>;
  /** The rows in the first megabyte or so of a sheet's XML; `whole` when that is all of them. */
  head(sheet: string): Promise<{ rows: Generator<SheetRow>; whole: boolean }>;
  /**
   * A sheet's rows as CSV (see sheetCsv): all of them, or those of part `index` of `count` (see
   * partEnds). A later part throws UnnumberedRowsError as it reads a row that does not say its number.
   */
  csv(sheet: string, part: SheetPart, options: Omit<Parameters<typeof sheetCsv>[2], 'continued'>): Promise<SheetCsv>;
}

/** How much of a sheet's XML is unpacked to look for its header. */
export const HEAD_BYTES = 1024 * 1024;

/**
 * Where the parts of a sheet end in its XML, as shares of its size. Each part unpacks the sheet from
 * its start to its own end and scans its own rows, so a later part has more to unpack: the first
 * weighs 1.5 and the others 1 (unpacking costs about half what scanning does), and two parts end
 * at 60% and 100%.
 */
export function partEnds(count: number): number[] {
  return Array.from({ length: count }, (_, k) => (k === count - 1 ? 1 : (k + 1.5) / (count + 0.5)));
}

/** Whether a row tag (`<row` then a space, `>` or `/`) starts at `at` of a sheet's XML bytes. */
function isRowTag(data: Uint8Array, at: number): boolean {
  const end = data[at + 4];
  return data[at + 1] === 114 && data[at + 2] === 111 && data[at + 3] === 119 && (end === 32 || end === 62 || end === 47 || end === 9 || end === 10 || end === 13);
}

/** Where the first row tag at or after `from` starts in a sheet's XML bytes, or -1. */
export function rowTagAt(data: Uint8Array, from: number): number {
  for (let at = data.indexOf(60, from); at >= 0; at = data.indexOf(60, at + 1)) if (isRowTag(data, at)) return at;
  return -1;
}

/** Where the last row tag wholly before `end` starts, or -1. */
function lastRowTag(data: Uint8Array, end: number): number {
  for (let at = data.lastIndexOf(60, end - 1); at >= 0; at = at > 0 ? data.lastIndexOf(60, at - 1) : -1) if (at + 4 < end && isRowTag(data, at)) return at;
  return -1;
}

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? decodeXml(m[2] ?? m[3] ?? '') : null;
};

/** Built-in number formats that show dates and times (ECMA-376 §18.8.30). */
const BUILT_IN: Readonly<Record<number, NumberKind>> = {
  14: 'date', 15: 'date', 16: 'date', 17: 'date', 18: 'time', 19: 'time', 20: 'time', 21: 'time', 22: 'datetime',
  27: 'date', 28: 'date', 29: 'date', 30: 'date', 31: 'date', 32: 'time', 33: 'time', 34: 'time', 35: 'time', 36: 'date',
  45: 'time', 46: 'time', 47: 'time', 50: 'date', 51: 'date', 52: 'date', 53: 'date', 54: 'date', 55: 'date', 56: 'date', 57: 'date', 58: 'date',
};

/** What a custom number format shows, from its code (quoted text, colours and escapes left out). */
export function formatKind(code: string): NumberKind {
  const section = code.split(';')[0] ?? '';
  const bare = section.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, '').toLowerCase();
  const date = /[dy]/.test(bare) || (/m/.test(bare) && !/[hs]/.test(bare));
  const time = /[hs]/.test(bare);
  if (date && time) return 'datetime';
  if (date) return 'date';
  if (time) return 'time';
  return 'number';
}

/** Each cell style's number kind, by the style's index (a cell's `s`). */
export function styleKinds(stylesXml: string): NumberKind[] {
  const custom = new Map<number, NumberKind>();
  for (const m of stylesXml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'));
    custom.set(id, formatKind(attr(m[0], 'formatCode') ?? ''));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    return custom.get(id) ?? BUILT_IN[id] ?? 'number';
  });
}

/** The shared strings, in order: rich text runs joined, phonetic runs left out. */
export function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (let at = xml.indexOf('<si'); at >= 0; ) {
    const open = xml.indexOf('>', at);
    if (xml.charCodeAt(open - 1) === 47) {
      out.push('');
      at = xml.indexOf('<si', open);
      continue;
    }
    const close = xml.indexOf('</si>', open);
    const end = close < 0 ? xml.length : close;
    const t = xml.indexOf('<t', open);
    const tEnd = t < 0 ? -1 : xml.indexOf('</t>', t);
    // most strings are one plain <t>; rich text (runs, phonetic guides) takes the longer way
    if (t >= 0 && tEnd >= 0 && tEnd < end && xml.indexOf('<', tEnd + 4) === end) {
      out.push(decodeXml(xml.slice(xml.indexOf('>', t) + 1, tEnd)));
    } else {
      const body = xml.slice(open + 1, end).replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
      let text = '';
      for (const m of body.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)) text += m[1] ?? '';
      out.push(decodeXml(text));
    }
    at = close < 0 ? -1 : xml.indexOf('<si', close);
  }
  return out;
}

/** A path inside the package, from a relationship's target and the folder of the part that names it. */
function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/');
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/');
}

const DAMAGED = 'The workbook could not be opened: the file is damaged or is not an Excel workbook. Save it again as .xlsx, or as CSV.';

/** The zip's entries, checked to be a workbook's before any is unpacked. */
function listEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  let entries: Map<string, ZipEntry>;
  try {
    entries = zipEntries(bytes);
  } catch {
    throw new WorkbookError(DAMAGED);
  }
  if (!entries.has('xl/workbook.xml')) {
    throw new WorkbookError('This zip file is not an Excel workbook (it has no xl/workbook.xml). Save the sheet as .xlsx or as CSV.');
  }
  return entries;
}

function checkSizes(parts: readonly ZipEntry[], limits: WorkbookLimits): void {
  let total = 0;
  for (const f of parts) {
    total += f.size;
    if (f.size > 16 * 1024 * 1024 && f.size > limits.maxRatio * Math.max(1, f.packedSize)) {
      throw new WorkbookError(
        `The workbook was refused: its part ${f.name} would unpack to ${Math.round(f.size / 1024 / 1024)} MB from ${Math.max(1, Math.round(f.packedSize / 1024))} KB, far more than any sheet of data (a "zip bomb"). Nothing was read.`,
      );
    }
  }
  if (total > limits.maxBytes) {
    throw new WorkbookError(
      `The workbook is too large to read in the browser: its sheets unpack to ${Math.round(total / 1024 / 1024)} MB, more than the ${Math.round(limits.maxBytes / 1024 / 1024)} MB allowed. Save the sheet as CSV (which loads up to millions of rows) and load that.`,
    );
  }
}

/** Unpacks the named parts (those the workbook has), each no larger than its directory entry says. */
async function unpack(bytes: Uint8Array, entries: Map<string, ZipEntry>, names: readonly string[], limits: WorkbookLimits): Promise<Map<string, string>> {
  const parts = names.flatMap((n) => (entries.has(n) ? [entries.get(n)!] : []));
  checkSizes(parts, limits);
  const decoder = new TextDecoder();
  const out = new Map<string, string>();
  for (const p of parts) {
    let data: Uint8Array;
    try {
      data = await unpackEntry(bytes, p);
    } catch (e) {
      throw new WorkbookError(e instanceof ZipError ? `The workbook could not be unpacked (${e.message}). Save it again as .xlsx, or as CSV.` : DAMAGED);
    }
    out.set(p.name, stripPrefixes(decoder.decode(data)));
  }
  return out;
}

/** Opens a workbook from its bytes; throws WorkbookError for anything that is not a readable .xlsx. */
export async function openWorkbook(bytes: Uint8Array, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<Workbook> {
  const entries = listEntries(bytes);
  const meta = await unpack(bytes, entries, ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'], limits);
  const workbookXml = meta.get('xl/workbook.xml') ?? '';
  const targets = new Map<string, string>();
  for (const m of (meta.get('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, resolvePath('xl', target));
  }
  const sheets = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const path = targets.get(attr(m[0], 'r:id') ?? attr(m[0], 'id') ?? '');
    if (name !== null && path && entries.has(path)) sheets.set(name, path);
  }
  if (sheets.size === 0) throw new WorkbookError('The workbook has no worksheets to read.');
  const workbookPr = /<workbookPr\b[^>]*>/.exec(workbookXml)?.[0] ?? '';
  const date1904 = ['1', 'true'].includes(attr(workbookPr, 'date1904') ?? '');
  const strings = sharedStrings(meta.get('xl/sharedStrings.xml') ?? '');
  const kinds = styleKinds(meta.get('xl/styles.xml') ?? '');
  const ctx = { strings, kinds, date1904 };
  const decoder = new TextDecoder();
  // the sheet last unpacked, all of it or its start: a sheet's head is looked at first, then read
  let last: { path: string; data: Uint8Array; whole: boolean } | null = null;
  /** At least the first `wanted` bytes of a sheet's XML (or all of it), unpacked. */
  const sheetBytes = async (sheet: string, wanted: number): Promise<{ data: Uint8Array; whole: boolean }> => {
    const path = sheets.get(sheet);
    if (!path) throw new WorkbookError(`The workbook has no sheet called "${sheet}".`);
    if (last?.path === path && (last.whole || last.data.length >= wanted)) return last;
    const entry = entries.get(path)!;
    checkSizes([entry], limits);
    let data: Uint8Array;
    try {
      data = await unpackEntry(bytes, entry, wanted);
    } catch (e) {
      throw new WorkbookError(e instanceof ZipError ? `The workbook could not be unpacked (${e.message}). Save it again as .xlsx, or as CSV.` : DAMAGED);
    }
    last = { path, data, whole: data.length < wanted || data.length >= entry.size };
    return last;
  };
  /** The sheet's bytes up to the first row tag at or after `at` (all of them when there is none). */
  const upToRowTag = async (sheet: string, at: number): Promise<{ data: Uint8Array; end: number }> => {
    // unpack a little past `at`, and more while no row starts there (a row of long text)
    for (let margin = 64 * 1024; ; margin *= 4) {
      const { data, whole } = await sheetBytes(sheet, at + margin);
      const tag = rowTagAt(data, at);
      if (tag >= 0 || whole) return { data, end: tag >= 0 ? tag : data.length };
    }
  };
  const wholeRows = async (sheet: string) => sheetXmlRows((await sheetBytes(sheet, Infinity)).data, ctx);
  /** The bytes of a part of a sheet, cut before row tags; `continued` for any part but the first. */
  const partBytes = async (sheet: string, part: SheetPart): Promise<{ data: Uint8Array; continued: boolean }> => {
    if (part.count <= 1) return { data: (await sheetBytes(sheet, Infinity)).data, continued: false };
    // a sheet whose tags carry a namespace prefix (<x:row>) is read whole, by the first part
    const { data: start } = await sheetBytes(sheet, 4096);
    if (/<\/?[A-Za-z_][\w.-]*:[A-Za-z_]/.test(decoder.decode(start.subarray(0, 4096)))) {
      return part.index === 0 ? partBytes(sheet, { index: 0, count: 1 }) : { data: new Uint8Array(0), continued: true };
    }
    const size = entries.get(sheets.get(sheet)!)!.size;
    const ends = partEnds(part.count).map((share) => Math.floor(size * share));
    const final = part.index === part.count - 1;
    const { data, end } = final ? { ...(await sheetBytes(sheet, Infinity)), end: Infinity } : await upToRowTag(sheet, ends[part.index]!);
    const from = part.index === 0 ? 0 : rowTagAt(data, ends[part.index - 1]!);
    if (from < 0) return { data: new Uint8Array(0), continued: true };
    return { data: data.subarray(from, Math.min(end, data.length)), continued: part.index > 0 };
  };
  return {
    sheetNames: [...sheets.keys()],
    async head(sheet: string) {
      const { data, whole } = await sheetBytes(sheet, HEAD_BYTES);
      // a head that is not the whole sheet stops before its last row, which may be cut short
      const end = whole ? data.length : Math.max(0, lastRowTag(data, data.length));
      return { rows: sheetXmlRows(data.subarray(0, end), ctx), whole };
    },
    rows: wholeRows,
    async csv(sheet, part, options) {
      const { data, continued } = await partBytes(sheet, part);
      return sheetCsv(data, ctx, { ...options, continued });
    },
  };
}
