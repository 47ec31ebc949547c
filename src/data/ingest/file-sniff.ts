import Papa from 'papaparse';
import type { FileFormat } from './pipeline-sql';
import { decodeHead, detectEncoding, type TextEncodingName } from './text-encoding';

export type Sniffed =
  | { ok: true; format: FileFormat; gzip: boolean; headers: string[]; preview: string[][]; hasBom: boolean; encoding: TextEncodingName }
  | { ok: true; format: 'xlsx'; gzip: false }
  | { ok: false; problem: string };

/** How much of a file is read in JavaScript to recognise it; DuckDB reads the rest itself. */
export const SNIFF_BYTES = 64 * 1024;

const startsWith = (bytes: Uint8Array, sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);

function splitDelimiter(line: string): 'csv' | 'tsv' | 'semicolon' {
  let commas = 0;
  let tabs = 0;
  let semis = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === '\t') tabs++;
    else if (!quoted && ch === ';') semis++;
  }
  if (tabs > commas) return 'tsv';
  if (commas === 0 && semis > 0) return 'semicolon';
  return 'csv';
}

/**
 * Whether bytes are binary data rather than text: control characters that text never holds (all
 * but tab, line ends, form feed and escape) in more than 1 in 100 bytes. NUL bytes are counted
 * apart: a few in a text file are stray, removed on loading; one in ten means binary data.
 */
function isBinary(bytes: Uint8Array): boolean {
  let control = 0;
  let nul = 0;
  for (const b of bytes) {
    if (b === 0) nul++;
    else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  const n = Math.max(1, bytes.length);
  return control / n > 0.01 || nul / n > 0.1;
}

/**
 * Recognises a file from its first bytes: CSV or TSV text (optionally gzip-compressed) in UTF-8,
 * UTF-16 or Windows-1252, Parquet, an Excel workbook, or something the app cannot read (an old
 * Excel file, binary data, an empty file), with the reason. `head` is the file's first bytes,
 * already gunzipped when `gzip` is true.
 */
export function sniffFile(name: string, size: number, head: Uint8Array, gzip = false): Sniffed {
  if (size === 0 || head.length === 0) return { ok: false, problem: 'The file is empty.' };
  if (!gzip && startsWith(head, [0x1f, 0x8b])) return { ok: false, problem: 'gzip' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    if (/\.xls[xm]$/i.test(name) && !gzip) return { ok: true, format: 'xlsx', gzip: false };
    return /\.xlsb$/i.test(name)
      ? { ok: false, problem: 'This is an Excel binary workbook (.xlsb). Save it as an Excel workbook (.xlsx) or as CSV, and load that.' }
      : { ok: false, problem: 'This is a zip archive. Unzip it and load the CSV or Excel workbook (.xlsx) inside.' };
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    return { ok: false, problem: 'This is an old-style Excel workbook (.xls), which is not read. Save it as an Excel workbook (.xlsx) or as CSV, and load that.' };
  }
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return { ok: true, format: 'parquet', gzip: false, headers: [], preview: [], hasBom: false, encoding: 'utf-8' };
  const complete = size <= head.length;
  const encoding = detectEncoding(head, complete);
  if (!encoding.startsWith('utf-16') && isBinary(head)) {
    return { ok: false, problem: 'This is not a text file (it contains binary data). Load a CSV, TSV, Excel (.xlsx) or Parquet file.' };
  }
  const hasBom = startsWith(head, [0xef, 0xbb, 0xbf]);
  const text = decodeHead(head, encoding, complete).replaceAll('\0', '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '') return { ok: false, problem: 'The first line is blank: the file must start with a header row.' };
  const delim = splitDelimiter(firstLine);
  if (delim === 'semicolon') {
    return { ok: false, problem: 'The columns are separated by semicolons. Save the file as comma-separated (CSV) or tab-separated (TSV).' };
  }
  const parsed = Papa.parse<string[]>(text, { delimiter: delim === 'tsv' ? '\t' : ',', skipEmptyLines: true, preview: 11 });
  const [headers = [], ...rows] = parsed.data;
  if (headers.length < 2) return { ok: false, problem: 'Only one column was found in the header row. Is this a CSV or TSV file?' };
  return { ok: true, format: delim, gzip, headers: headers.map((h) => h.trim()), preview: rows.slice(0, 10), hasBom, encoding };
}
