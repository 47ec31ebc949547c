import { parquetRows } from './parquet-to-csv';
import { detectSource, mapColumns, type ColumnMapping, type SourceId } from './contracts';
import { SNIFF_BYTES, sniffFile } from './file-sniff';
import type { FileFormat, ReadSpec } from './pipeline-sql';
import { toUtf8, type TextEncodingName } from './text-encoding';
import { readWorkbook } from './xlsx/read-workbook';
import { LINE_COLUMN, type SheetChoice } from './xlsx/workbook-to-csv';

/** The sheet a workbook was read from, and the others it has. */
export interface WorkbookSheet {
  sheets: SheetChoice[];
  sheet: string;
  headerRow: number;
}

export interface InspectedFile {
  file: File;
  /**
   * What DuckDB reads: the file itself, or its text as UTF-8 CSV when it is a workbook's sheet or
   * text in another encoding. `format` and `gzip` are the content's.
   */
  content: Blob;
  format: FileFormat;
  gzip: boolean;
  /** the file's own text encoding (a workbook's is UTF-8) */
  encoding: TextEncodingName;
  workbook: WorkbookSheet | null;
  /** a column of the content holding each row's line in the file (a workbook's row numbers) */
  lineColumn?: string;
  headers: string[];
  preview: string[][];
  detected: SourceId | null;
  mappings: Record<SourceId, ColumnMapping> | null;
}

export type Inspection = { ok: true; inspected: InspectedFile } | { ok: false; file: File; problem: string };

/** The first `bytes` bytes (or fewer) of a gzip file's unpacked text, unpacking no more than that. */
export async function gunzipHead(file: Blob, bytes = SNIFF_BYTES): Promise<Uint8Array> {
  const reader = file.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < bytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out.subarray(0, bytes);
}

/** How DuckDB reads a file's content, once registered under the name `file`. */
export function readSpecOf(inspected: InspectedFile, file: string): ReadSpec {
  const { format, gzip, lineColumn, headers } = inspected;
  if (format === 'parquet') throw new Error('Parquet is read as CSV text (see parquet-to-csv.ts)');
  const columns = headers.length + (lineColumn ? 1 : 0);
  return lineColumn ? { file, format, gzip, columns, lineColumn } : { file, format, gzip, columns };
}

function withSources(base: Omit<InspectedFile, 'detected' | 'mappings'>): InspectedFile {
  const detected = detectSource(base.headers);
  const mappings = Object.fromEntries(
    (['police', 'ambulance', 'ed', 'yjs', 'stop_search', 'street_crime'] as const).map((s) => [s, mapColumns(s, base.headers)]),
  ) as Record<SourceId, ColumnMapping>;
  return { ...base, detected, mappings };
}

/** A workbook's sheet (the one with a recognised header, or `sheet`) read as CSV in a worker. */
async function inspectWorkbook(file: File, sheet?: string): Promise<Inspection> {
  try {
    const text = await readWorkbook(file, sheet);
    return {
      ok: true,
      inspected: withSources({
        file,
        content: new Blob([text.csv as Uint8Array<ArrayBuffer>], { type: 'text/csv' }),
        format: 'csv',
        gzip: false,
        encoding: 'utf-8',
        workbook: { sheets: text.sheets, sheet: text.sheet, headerRow: text.headerRow },
        lineColumn: LINE_COLUMN,
        headers: text.headers,
        preview: text.preview,
      }),
    };
  } catch (e) {
    return { ok: false, file, problem: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Reads only the start of a file to recognise its format and source and to preview it. A workbook
 * is read whole (its `sheet`, or the one found), and text in another encoding than UTF-8 is made
 * UTF-8, so that DuckDB reads both as it reads any CSV.
 */
export async function inspectFile(file: File, options: { sheet?: string } = {}): Promise<Inspection> {
  let head: Uint8Array = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  let sniffed = sniffFile(file.name, file.size, head);
  if (!sniffed.ok && sniffed.problem === 'gzip') {
    try {
      head = await gunzipHead(file);
    } catch {
      return { ok: false, file, problem: 'The file looks gzip-compressed but could not be decompressed.' };
    }
    sniffed = sniffFile(file.name.replace(/\.gz$/i, ''), file.size, head, true);
  }
  if (!sniffed.ok) return { ok: false, file, problem: sniffed.problem };
  if (sniffed.format === 'xlsx') return inspectWorkbook(file, options.sheet);
  let { headers, preview } = sniffed;
  if (sniffed.format === 'parquet') {
    try {
      ({ headers, rows: preview } = await parquetRows(file, 10));
    } catch (e) {
      return { ok: false, file, problem: `The Parquet file could not be read: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  const utf8 = sniffed.encoding === 'utf-8';
  let content: Blob = file;
  if (!utf8) {
    try {
      content = await toUtf8(file, sniffed.encoding, sniffed.gzip);
    } catch (e) {
      return { ok: false, file, problem: `The file could not be decoded as ${sniffed.encoding} text (${e instanceof Error ? e.message : String(e)}).` };
    }
  }
  return {
    ok: true,
    inspected: withSources({ file, content, format: sniffed.format, gzip: utf8 && sniffed.gzip, encoding: sniffed.encoding, workbook: null, headers, preview }),
  };
}
