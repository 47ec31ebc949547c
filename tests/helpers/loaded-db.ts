import { readFileSync } from 'node:fs';
import path from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { createNodeDb, type NodeDb } from './node-db';
import { loadReferenceData } from '@/data/reference-data';
import { prepareSchema } from '@/data/prepare-database';
import { createLocator, type BoundaryCollection, type Locator } from '@/data/place';
import { loadExtract, type LoadReport, type LoadStage } from '@/data/ingest/load-extract';
import { sniffFile } from '@/data/ingest/file-sniff';
import { fileHash } from '@/data/ingest/file-hash';
import { holdsNulBytes } from '@/data/ingest/nul-bytes';
import { parquetColumns, parquetToCsv } from '@/data/ingest/parquet-to-csv';
import { detectSource, mapColumns, type SourceId } from '@/data/ingest/contracts';
import { encodingWarning, toUtf8 } from '@/data/ingest/text-encoding';
import { LINE_COLUMN, workbookToCsv } from '@/data/ingest/xlsx/workbook-to-csv';
import type { ReadSpec } from '@/data/ingest/pipeline-sql';

const ref = (f: string) => readFileSync(path.resolve('data/reference', f), 'utf8');
const geo = (f: string) => JSON.parse(ref(f)) as BoundaryCollection;

export interface TestDb {
  db: NodeDb;
  locator: Locator;
}

/** A Node DuckDB with the reference data and the schema, as the app has after start-up. */
export async function createLoadedDb(): Promise<TestDb> {
  const db = await createNodeDb();
  const lsoa = geo('lsoa21.geojson');
  await loadReferenceData(db, { database: new Uint8Array(readFileSync('data/reference/reference.duckdb.gz')), lsoaBoundaries: lsoa });
  await prepareSchema(db);
  return { db, locator: createLocator(lsoa) };
}

let counter = 0;

/** Loads text or bytes as a file through the same pipeline the page uses. */
export async function loadBytes(
  t: TestDb,
  fileName: string,
  content: string | Uint8Array,
  options: { source?: SourceId; sheet?: string; today?: string; mapping?: Record<string, string>; onStage?: (stage: LoadStage) => void; dryRun?: boolean } = {},
): Promise<LoadReport> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  // Z_SYNC_FLUSH: a gzip file cut short still gives its head, as the browser's decompression does
  const head = gzip ? gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }).subarray(0, 65536) : bytes.subarray(0, 65536);
  const sniffed = sniffFile(fileName, bytes.length, head, gzip);
  if (!sniffed.ok) throw new Error(sniffed.problem);
  const internal = `upload-${++counter}`;
  let read: ReadSpec;
  let headers: string[];
  let readFrom: string | undefined;
  let warning: string | null = null;
  let registered: Uint8Array;
  // as inspect-file.ts does: a workbook's sheet, Parquet and text in another encoding become UTF-8 CSV
  if (sniffed.format === 'xlsx') {
    const text = await workbookToCsv(bytes, options.sheet);
    registered = text.csv;
    await t.db.registerFile(internal, registered);
    headers = text.headers;
    read = { file: internal, format: 'csv', gzip: false, columns: headers.length + 1, lineColumn: LINE_COLUMN };
    readFrom = `sheet “${text.sheet}”, header in row ${text.headerRow}`;
  } else if (sniffed.format === 'parquet') {
    registered = await parquetToCsv(bytes);
    await t.db.registerFile(internal, registered);
    headers = await parquetColumns(bytes);
    read = { file: internal, format: 'csv', gzip: false, columns: headers.length };
  } else {
    const utf8 = sniffed.encoding === 'utf-8';
    registered = utf8 ? bytes : new Uint8Array(await (await toUtf8(new Blob([bytes as Uint8Array<ArrayBuffer>]), sniffed.encoding, gzip)).arrayBuffer());
    await t.db.registerFile(internal, registered);
    headers = sniffed.headers;
    read = { file: internal, format: sniffed.format, gzip: utf8 && gzip, columns: headers.length };
    warning = encodingWarning(sniffed.encoding);
  }
  // as load-file.ts does: the text is searched for NUL bytes outside DuckDB, unless gzip
  const noNulBytes = read.gzip ? undefined : holdsNulBytes(new Blob([registered as Uint8Array<ArrayBuffer>])).then((found) => !found);
  const source = options.source ?? detectSource(headers);
  if (!source) throw new Error(`Source not recognised from headers: ${headers.join(', ')}`);
  try {
    return await loadExtract(
      {
        read,
        source,
        mapping: { ...mapColumns(source, headers), ...options.mapping },
        fileName,
        fileSize: bytes.length,
        fileHash: await fileHash(bytes),
        extractId: `x${counter}`,
        today: options.today ?? '2026-11-27',
        loadedAt: '2026-11-27 12:00:00',
        ...(warning ? { fileWarnings: [warning] } : {}),
        ...(readFrom ? { readFrom } : {}),
        ...(noNulBytes ? { noNulBytes } : {}),
      },
      { db: t.db, locator: t.locator, ...(options.onStage ? { onStage: options.onStage } : {}), ...(options.dryRun ? { dryRun: true } : {}) },
    );
  } finally {
    await t.db.dropFile(internal);
  }
}
