import type { DbSession } from '../use-db';
import type { Db } from '../db-types';
import type { Locator } from '../place';
import type { ColumnMapping, SourceId } from './contracts';
import type { FileFormat } from './pipeline-sql';
import { fileHash } from './file-hash';
import { readSpecOf, type InspectedFile } from './inspect-file';
import { encodingWarning, toUtf8, type TextEncodingName } from './text-encoding';
import { LoadError, loadExtract, LOAD_STAGES, type LoadReport, type LoadStage } from './load-extract';
import { parquetToCsv } from './parquet-to-csv';
import { holdsNulBytes } from './nul-bytes';
import { localStamp } from '@/lib/local-time';
import { ensureMacros } from '../macros';
import { movedFileMessage } from './read-failure';
import { inLoadTurn, inRehearsalTurn } from './load-turns';

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
  const waiting = () => onProgress({ name: 'Waiting for the file before it', step: 0, steps: LOAD_STAGES.length, done: 0, rows: null });
  // one load at a time (load-turns.ts)
  const cancelled = () => new LoadError(inspected.file.name, 'Loading was cancelled; nothing was changed.');
  return inLoadTurn(async () => {
    const { db, locator } = session;
    onProgress({ name: 'Preparing', step: 0, steps: LOAD_STAGES.length, done: 0, rows: null });
    // DuckDB makes the date macros while the file is checked (the load waits for them)
    void ensureMacros(db).catch(() => undefined);
    const file = inspected.file;
    const now = localStamp(new Date());
    const hash = choice.source === 'stop_search' || choice.source === 'street_crime' ? await fileHash(file) : null;
    const { workbook } = inspected;
    const readFrom = workbook ? `sheet “${workbook.sheet}”, header in row ${workbook.headerRow}` : undefined;
    // Parquet arrives as CSV text (see parquet-to-csv.ts), and so do a workbook's sheet and text in
    // another encoding than UTF-8 (inspect-file.ts). Every other file DuckDB reads itself, in its
    // worker, through the browser's file reader: reading it into memory here first held up the page
    // in tasks of 60 to 300 ms while a 108 MB file arrived, and kept a second copy of it, for a load
    // no quicker (1,000,000 rows, each way in turn: 7.1, 7.5, 7.7 s through memory, 7.3, 7.1, 8.0 s
    // this way).
    const parquet = inspected.format === 'parquet';
    const attempt = async (content: Blob, gzip: boolean, encoding: TextEncodingName): Promise<LoadReport> => {
      const internal = newExtractId();
      if (!parquet && content === file) await checkReadable(file);
      const text = parquet ? await parquetToCsv(file) : content;
      // NUL bytes: a text already in memory is searched at once. A file is streamed past a search
      // on the page while DuckDB reads it only on the single-threaded build, where the page has a
      // core to itself: with DuckDB on both cores the stream competes with it and saves nothing
      // (docs/performance.md, 7 December, evening). Otherwise, as for a gzip file, DuckDB looks in
      // every value; and a text the page cannot read (a file moved meanwhile) is left to DuckDB,
      // whose read then says why.
      const noNulBytes = gzip
        ? undefined
        : text instanceof Uint8Array
          ? Promise.resolve(text.indexOf(0) < 0)
          : db.threads > 1
            ? undefined
            : holdsNulBytes(text).then(
                (found) => !found,
                () => false,
              );
      await db.registerFile(internal, text);
      const warning = encodingWarning(encoding);
      try {
        return await loadExtract(
          {
            read: parquet ? { file: internal, format: 'csv', gzip: false, columns: inspected.headers.length } : { ...readSpecOf(inspected, internal), gzip },
            source: choice.source,
            mapping: choice.mapping,
            fileName: file.name,
            fileSize: file.size,
            fileHash: hash ?? internal,
            extractId: internal,
            today: now.day,
            loadedAt: now.time,
            isDemo: choice.isDemo ?? false,
            ...(warning ? { fileWarnings: [warning] } : {}),
            ...(readFrom ? { readFrom } : {}),
            ...(noNulBytes ? { noNulBytes } : {}),
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
    };
    try {
      return await attempt(inspected.content, inspected.gzip, inspected.encoding);
    } catch (e) {
      // bytes that are not UTF-8 past the part the Data page looked at: the file is read again as
      // Windows-1252, as a file whose first bytes already showed it would have been
      if (!(e instanceof LoadError && e.notUtf8 && inspected.encoding === 'utf-8' && !parquet)) throw e;
      return attempt(await toUtf8(file, 'windows-1252', inspected.gzip), false, 'windows-1252');
    }
  }, { onWait: waiting, signal, cancelled });
}

/** What a rehearsal runs through a load: a file's first lines, or text made for the purpose. */
export interface RehearsalText {
  bytes: Uint8Array;
  fileName: string;
  format: FileFormat;
  source: SourceId;
  mapping: ColumnMapping;
  /** how many columns its header row names */
  columns: number;
  lineColumn?: string;
}

/**
 * Runs text through every step of a load in a rehearsal's turn (see load-turns.ts), as a dry run
 * that saves nothing. `text` is asked for once the turn has come. True if it ran to the end.
 */
export function rehearseText(
  session: { db: Db; locator: Locator },
  text: () => Promise<RehearsalText>,
  onStage?: (stage: LoadStage) => void,
): Promise<boolean> {
  return inRehearsalTurn(async (signal) => {
    const { db, locator } = session;
    const t = await text();
    const internal = newExtractId();
    const now = localStamp(new Date());
    await db.registerFile(internal, t.bytes);
    try {
      await loadExtract(
        {
          read: { file: internal, format: t.format, gzip: false, columns: t.columns, ...(t.lineColumn ? { lineColumn: t.lineColumn } : {}) },
          source: t.source,
          mapping: t.mapping,
          fileName: t.fileName,
          fileSize: t.bytes.length,
          fileHash: internal,
          extractId: internal,
          today: now.day,
          loadedAt: now.time,
        },
        { db, locator, signal, dryRun: true, ...(onStage ? { onStage } : {}) },
      );
    } finally {
      await db.dropFile(internal);
    }
  });
}
