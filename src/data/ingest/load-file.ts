import type { DbSession } from '../use-db';
import type { ColumnMapping, SourceId } from './contracts';
import { fileHash } from './file-hash';
import type { InspectedFile } from './inspect-file';
import { LoadError, loadExtract, type LoadReport, type LoadStage } from './load-extract';
import { parquetToCsv } from './parquet-to-csv';
import { localStamp } from '@/lib/local-time';
import { ensureMacros } from '../macros';
import { movedFileMessage } from './read-failure';
import { duringLoad } from './prepare-memory';

export type { LoadStage as LoadProgress } from './load-extract';

/**
 * An id for a loaded file, stored on each of its rows: twelve characters, which DuckDB keeps inside
 * the row instead of as a separate text (the 41 characters of a UUID took 41 MB more memory at
 * 1,000,000 rows). 56 random bits: two loads share one with a chance of about 1 in 10^17.
 */
export function newExtractId(): string {
  const [hi, lo] = crypto.getRandomValues(new Uint32Array(2));
  const bits = (BigInt(hi! >>> 8) << 32n) | BigInt(lo!);
  return `x${bits.toString(36).padStart(11, '0')}`;
}

/**
 * Checks that the chosen file can still be read, by reading its first byte: a file moved or changed
 * on disk after it was chosen can no longer be read, and would otherwise fail deep inside DuckDB's
 * reading with a message that does not say why.
 */
async function checkReadable(file: File): Promise<void> {
  try {
    await file.slice(0, 1).arrayBuffer();
  } catch (e) {
    throw new LoadError(file.name, movedFileMessage((e instanceof Error ? e.message : String(e)).replace(/\.$/, '')));
  }
}

/** Loads a file the user chose (or the demo data) into DuckDB, which parses it itself. */
export function loadFile(
  session: DbSession,
  inspected: InspectedFile,
  choice: { source: SourceId; mapping: ColumnMapping; isDemo?: boolean },
  onProgress: (p: LoadStage) => void,
  signal?: AbortSignal,
): Promise<LoadReport> {
  // no memory is readied for another file while this runs (see prepare-memory.ts)
  return duringLoad(async () => {
    const { db, locator } = session;
    // DuckDB makes the date macros while the file is checked (the load waits for them)
    void ensureMacros(db).catch(() => undefined);
    const file = inspected.file;
    const internal = newExtractId();
    const now = localStamp(new Date());
    const hash = choice.source === 'stop_search' || choice.source === 'street_crime' ? await fileHash(file) : internal;
    // Parquet arrives as CSV text (see parquet-to-csv.ts). Every other file DuckDB reads itself, in its
    // worker, through the browser's file reader: reading it into memory here first held up the page
    // in tasks of 60 to 300 ms while a 108 MB file arrived, and kept a second copy of it, for a load
    // no quicker (1,000,000 rows, each way in turn: 7.1, 7.5, 7.7 s through memory, 7.3, 7.1, 8.0 s
    // this way).
    const parquet = inspected.format === 'parquet';
    if (!parquet) await checkReadable(file);
    await db.registerFile(internal, parquet ? await parquetToCsv(file) : file);
    try {
      return await loadExtract(
        {
          read: { file: internal, format: parquet ? 'csv' : inspected.format, gzip: inspected.gzip, columns: inspected.headers.length },
          source: choice.source,
          mapping: choice.mapping,
          fileName: file.name,
          fileSize: file.size,
          fileHash: hash,
          extractId: internal,
          today: now.day,
          loadedAt: now.time,
          isDemo: choice.isDemo ?? false,
        },
        {
          db,
          locator,
          signal,
          readFile: (sql) => db.execCancellable(sql, signal),
          onStage: onProgress,
        },
      );
    } finally {
      await db.dropFile(internal);
    }
  });
}
