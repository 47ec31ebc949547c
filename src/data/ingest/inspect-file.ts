import { parquetRows } from './parquet-to-csv';
import { detectSource, mapColumns, type ColumnMapping, type SourceId } from './contracts';
import { SNIFF_BYTES, sniffFile } from './file-sniff';
import type { FileFormat } from './pipeline-sql';

export interface InspectedFile {
  file: File;
  format: FileFormat;
  gzip: boolean;
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

/**
 * Reads only the start of a file to recognise its format and source and to preview it.
 */
export async function inspectFile(file: File): Promise<Inspection> {
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
  let { headers, preview } = sniffed;
  if (sniffed.format === 'parquet') {
    try {
      ({ headers, rows: preview } = await parquetRows(file, 10));
    } catch (e) {
      return { ok: false, file, problem: `The Parquet file could not be read: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  const detected = detectSource(headers);
  const mappings = Object.fromEntries(
    (['police', 'ambulance', 'ed', 'yjs', 'stop_search', 'street_crime'] as const).map((s) => [s, mapColumns(s, headers)]),
  ) as Record<SourceId, ColumnMapping>;
  return { ok: true, inspected: { file, format: sniffed.format, gzip: sniffed.gzip, headers, preview, detected, mappings } };
}
