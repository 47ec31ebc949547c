import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import Papa from 'papaparse';

// DuckDB-wasm would fetch its Parquet extension from the internet, which the app never does, so
// Parquet files are read in JavaScript and handed to DuckDB as CSV, through the same checks.

function asyncBuffer(data: Blob | Uint8Array): AsyncBuffer {
  if (data instanceof Uint8Array) {
    return { byteLength: data.byteLength, slice: async (s, e) => data.slice(s, e).buffer as ArrayBuffer };
  }
  return { byteLength: data.size, slice: (s, e) => data.slice(s, e).arrayBuffer() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A Parquet value as the text a partner's CSV would hold. */
export function parquetCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const date = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const midnight = v.getUTCHours() === 0 && v.getUTCMinutes() === 0 && v.getUTCSeconds() === 0;
    return midnight ? date : `${date} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
  }
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v;
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
}

export async function parquetColumns(data: Blob | Uint8Array): Promise<string[]> {
  const metadata = await parquetMetadataAsync(asyncBuffer(data));
  return parquetSchema(metadata).children.map((c) => c.element.name);
}

/** Reads rows of a Parquet file as text cells (all rows when `rowEnd` is not given). */
export async function parquetRows(data: Blob | Uint8Array, rowEnd?: number): Promise<{ headers: string[]; rows: string[][] }> {
  const file = asyncBuffer(data);
  const headers = await parquetColumns(data);
  const objects = (await parquetReadObjects({ file, compressors, ...(rowEnd !== undefined ? { rowEnd } : {}) })) as Record<string, unknown>[];
  return { headers, rows: objects.map((o) => headers.map((h) => parquetCell(o[h]))) };
}

/** The whole Parquet file as UTF-8 CSV bytes with a header row. */
export async function parquetToCsv(data: Blob | Uint8Array): Promise<Uint8Array> {
  const { headers, rows } = await parquetRows(data);
  return new TextEncoder().encode(Papa.unparse({ fields: headers, data: rows }, { newline: '\n' }) + '\n');
}
