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
import { parquetColumns, parquetToCsv } from '@/data/ingest/parquet-to-csv';
import { detectSource, mapColumns, type SourceId } from '@/data/ingest/contracts';

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
  options: { source?: SourceId; today?: string; mapping?: Record<string, string>; onStage?: (stage: LoadStage) => void; dryRun?: boolean } = {},
): Promise<LoadReport> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  // Z_SYNC_FLUSH: a gzip file cut short still gives its head, as the browser's decompression does
  const head = gzip ? gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }).subarray(0, 65536) : bytes.subarray(0, 65536);
  const sniffed = sniffFile(fileName, bytes.length, head, gzip);
  if (!sniffed.ok) throw new Error(sniffed.problem);
  const internal = `upload-${++counter}`;
  const parquet = sniffed.format === 'parquet';
  await t.db.registerFile(internal, parquet ? await parquetToCsv(bytes) : bytes);
  const headers = parquet ? await parquetColumns(bytes) : sniffed.headers;
  const source = options.source ?? detectSource(headers);
  if (!source) throw new Error(`Source not recognised from headers: ${headers.join(', ')}`);
  try {
    return await loadExtract(
      {
        read: { file: internal, format: parquet ? 'csv' : sniffed.format, gzip, columns: headers.length },
        source,
        mapping: { ...mapColumns(source, headers), ...options.mapping },
        fileName,
        fileSize: bytes.length,
        fileHash: await fileHash(bytes),
        extractId: `x${counter}`,
        today: options.today ?? '2026-11-27',
        loadedAt: '2026-11-27 12:00:00',
      },
      { db: t.db, locator: t.locator, ...(options.onStage ? { onStage: options.onStage } : {}), ...(options.dryRun ? { dryRun: true } : {}) },
    );
  } finally {
    await t.db.dropFile(internal);
  }
}
