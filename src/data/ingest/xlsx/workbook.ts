import { sheetXmlRows, type NumberKind, type SheetRow } from './sheet-xml';
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
  /** the rows of a sheet, by name: all of them, or part `index` of `count` parts of about equal size */
  rows(sheet: string, part?: SheetPart): Promise<Generator<SheetRow>>;
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
  // the last sheet unpacked is kept: the sheet looked through for a header is usually the one read
  let last: { path: string; xml: string } | null = null;
  return {
    sheetNames: [...sheets.keys()],
    async rows(sheet: string, part?: SheetPart) {
      const path = sheets.get(sheet);
      if (!path) throw new WorkbookError(`The workbook has no sheet called "${sheet}".`);
      if (last?.path !== path) last = { path, xml: (await unpack(bytes, entries, [path], limits)).get(path) ?? '' };
      const n = last.xml.length;
      const range = part && part.count > 1 ? { from: Math.floor((n * part.index) / part.count), to: part.index === part.count - 1 ? n : Math.floor((n * (part.index + 1)) / part.count) } : undefined;
      return sheetXmlRows(last.xml, { strings, kinds, date1904 }, range);
    },
  };
}
