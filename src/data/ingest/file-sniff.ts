import Papa from 'papaparse';
import type { FileFormat } from './pipeline-sql';

export type Sniffed =
  | { ok: true; format: FileFormat; gzip: boolean; headers: string[]; preview: string[][]; hasBom: boolean }
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
 * Recognises a file from its first bytes: CSV or TSV text (optionally gzip-compressed), Parquet, or
 * something the app cannot read (an Excel workbook, binary data, an empty file), with the reason.
 * `head` is the file's first bytes, already gunzipped when `gzip` is true.
 */
export function sniffFile(name: string, size: number, head: Uint8Array, gzip = false): Sniffed {
  if (size === 0 || head.length === 0) return { ok: false, problem: 'The file is empty.' };
  if (!gzip && startsWith(head, [0x1f, 0x8b])) return { ok: false, problem: 'gzip' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    return /\.xls[xmb]?$/i.test(name)
      ? { ok: false, problem: 'This is an Excel workbook. Excel files are not read: save the sheet as CSV (comma-separated, UTF-8) and load that.' }
      : { ok: false, problem: 'This is a zip archive (or an Excel workbook). Unzip it, or save the sheet as CSV, and load the CSV.' };
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    return { ok: false, problem: 'This is an old-style Excel (.xls) workbook. Excel files are not read: save the sheet as CSV (UTF-8) and load that.' };
  }
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return { ok: true, format: 'parquet', gzip: false, headers: [], preview: [], hasBom: false };
  if (head.includes(0)) return { ok: false, problem: 'This is not a text file (it contains binary data). Load a CSV, TSV or Parquet file.' };
  let text: string;
  try {
    // Cut at the last line break so a multi-byte character split by the sniff window is not an error.
    const lastBreak = head.lastIndexOf(0x0a);
    const whole = size <= head.length || lastBreak < 0 ? head : head.subarray(0, lastBreak + 1);
    text = new TextDecoder('utf-8', { fatal: true }).decode(whole);
  } catch {
    return { ok: false, problem: 'The file is not UTF-8 text. Save it as CSV UTF-8 and load it again.' };
  }
  // TextDecoder drops a UTF-8 byte-order mark itself, so look for it in the bytes.
  const hasBom = startsWith(head, [0xef, 0xbb, 0xbf]);
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '') return { ok: false, problem: 'The first line is blank: the file must start with a header row.' };
  const delim = splitDelimiter(firstLine);
  if (delim === 'semicolon') {
    return { ok: false, problem: 'The columns are separated by semicolons. Save the file as comma-separated (CSV) or tab-separated (TSV).' };
  }
  const parsed = Papa.parse<string[]>(text, { delimiter: delim === 'tsv' ? '\t' : ',', skipEmptyLines: true, preview: 11 });
  const [headers = [], ...rows] = parsed.data;
  if (headers.length < 2) return { ok: false, problem: 'Only one column was found in the header row. Is this a CSV or TSV file?' };
  return { ok: true, format: delim, gzip, headers: headers.map((h) => h.trim()), preview: rows.slice(0, 10), hasBom };
}
