import type { Db } from './db-types';
import { inTransaction } from './transaction';
import { SOURCE_IDS } from './ingest/contracts';
import { quoteIdent, sqlString } from '@/lib/sql';
import { refreshEventsSql } from './schema';
import { errorFirstLine, isOutOfMemory } from '@/lib/error-text';

// Data kept between visits, only when the user asks (the Data page's "Keep" button): the loaded
// tables as CSV files that DuckDB writes and reads itself, in the browser's private file system for
// this site (nothing leaves the computer), with a small note of what is kept in localStorage, read
// as the app opens so that it restores the kept data instead of loading the demo. "Forget all
// data" removes both. The stored events are made again from the source tables on restore.
// A CSV round trip keeps every value as it was (NULL apart from empty text, quotes, line breaks,
// doubles, dates): a unit test compares every table, row for row, after one.

/** The tables kept: every source's rows, the records of their loads, and the user's denominators. */
export const KEPT_TABLES: readonly string[] = [...SOURCE_IDS, 'extracts', 'load_warnings', 'load_rejections', 'denominators'];

/** Tables a copy kept by an earlier version of the app lacks: they open empty. */
export const KEPT_TABLES_ADDED_LATER: ReadonlySet<string> = new Set(['denominators']);

/** What is kept, as noted in localStorage. */
export interface KeptNote {
  /** the private file system's folder holding this copy's files */
  folder: string;
  /** local time it was saved, YYYY-MM-DD HH:MM:SS */
  savedAt: string;
  /** the kept extracts' ids, sorted and joined: the loaded data has changed when this differs */
  signature: string;
  extracts: number;
  bytes: number;
}

export const KEPT_NOTE_KEY = 'vrp-kept-data';

/**
 * The basemap setting (features/places/basemap.ts; index.html reads the same key). It is named here,
 * beside the kept note, because Forget all data removes it too.
 */
export const BASEMAP_KEY = 'vrp-basemap';

/** The note of kept data, or null when nothing is kept (or the note is not one). */
export function readKeptNote(storage?: Pick<Storage, 'getItem'>): KeptNote | null {
  try {
    // reading localStorage throws where the browser forbids storage
    const text = (storage ?? globalThis.localStorage)?.getItem(KEPT_NOTE_KEY);
    if (!text) return null;
    const note = JSON.parse(text) as Partial<KeptNote>;
    const ok =
      typeof note.folder === 'string' &&
      /^kept-[a-z0-9-]+$/.test(note.folder) &&
      typeof note.savedAt === 'string' &&
      typeof note.signature === 'string' &&
      typeof note.extracts === 'number' &&
      typeof note.bytes === 'number';
    return ok ? (note as KeptNote) : null;
  } catch {
    return null;
  }
}

/**
 * The loaded extracts' ids, sorted and joined ('' when none is loaded), then, when the user has
 * loaded a denominator table, its row count and a hash of its rows; and how many extracts there are.
 */
export const EXTRACTS_SIGNATURE_SQL = `SELECT coalesce(string_agg(extract_id, ',' ORDER BY extract_id), '') || (
    SELECT CASE WHEN count(*) = 0 THEN '' ELSE '|denominators:' || count(*) || ':' || sum(hash("group", population, area, age_band, file_name)) END FROM denominators
  ) AS signature, count(*)::INTEGER AS n, count(*) FILTER (WHERE NOT is_demo)::INTEGER AS partner FROM extracts`;

/**
 * Rows written in one COPY: DuckDB-wasm's in-memory file slows as it grows (see export-records.ts),
 * so a table is written a part at a time and the parts joined in the kept file.
 */
export const KEPT_BATCH_ROWS = 100_000;

/**
 * Has DuckDB write each kept table as CSV, from one consistent state (a load committing meanwhile
 * changes none of it), handing over each table's text a part at a time, the header in its first.
 * `onProgress` hears the share written after each part: rows by their place in their table (row
 * ids), so a table with rows removed counts its gaps too. Returns the signature and count of the
 * extracts written (see KeptNote).
 */
export async function writeKeptTables(
  db: Db,
  write: (table: string, part: Uint8Array) => Promise<void>,
  batchRows: number = KEPT_BATCH_ROWS,
  onProgress?: (share: number) => void,
): Promise<{ signature: string; extracts: number }> {
  if (!Number.isInteger(batchRows) || batchRows < 1) throw new Error(`Not a batch size: ${batchRows}`);
  return db.readSnapshot(async (snap) => {
    const lasts = new Map<string, number>();
    for (const table of KEPT_TABLES) {
      lasts.set(table, Number((await snap.query<{ last: number }>(`SELECT coalesce(max(rowid), -1)::BIGINT AS last FROM ${quoteIdent(table)}`))[0]?.last ?? -1));
    }
    const total = [...lasts.values()].reduce((n, last) => n + last + 1, 0);
    let written = 0;
    for (const table of KEPT_TABLES) {
      const file = `_vrp_kept_${table}.csv`;
      const last = lasts.get(table)!;
      // an empty table still gets its header
      for (let from = 0; from === 0 || from <= last; from += batchRows) {
        await snap.createOutputFile(file);
        try {
          await snap.query(
            `COPY (SELECT * FROM ${quoteIdent(table)} WHERE rowid >= ? AND rowid < ?) TO ${sqlString(file)} (FORMAT csv, HEADER ${from === 0}, DELIMITER ',', USE_TMP_FILE false)`,
            [from, from + batchRows],
          );
          await write(table, await snap.readFile(file));
        } finally {
          await snap.dropFile(file);
        }
        written += Math.max(0, Math.min(batchRows, last + 1 - from));
        if (total > 0) onProgress?.(written / total);
      }
    }
    const r = (await snap.query<{ signature: string; n: number }>(EXTRACTS_SIGNATURE_SQL))[0];
    return { signature: r?.signature ?? '', extracts: r?.n ?? 0 };
  });
}


/** Where an open with kept data has got to: the step under way, and the share done before it. */
export interface KeptRestoreStep {
  /** the table being read, or null while the stored events are made */
  table: string | null;
  /** the bytes of that table's kept file (0 for the events) */
  bytes: number;
  /** share of the whole done before this step, 0 to 1 */
  done: number;
}

/**
 * Making the stored events, counted as this share of a restore: at 1,000,000 police rows it took
 * 0.87 s of about 8 s, the rest reading the files (in proportion to their size).
 */
export const EVENTS_SHARE = 0.1;

/**
 * Why a step of a restore failed, in words the user can act on: running out of memory says so
 * (DuckDB's own message names a block size); other faults keep DuckDB's first line.
 */
function whyNot(e: unknown): string {
  return isOutOfMemory(e) ? 'DuckDB ran out of memory: the kept data is more than this browser tab can hold' : errorFirstLine(e);
}

const sizeOf = (data: Blob | Uint8Array) => (data instanceof Blob ? data.size : data.length);

/**
 * Loads kept tables' CSV files into the empty tables of a database just started, and makes the
 * stored events from them, in one transaction: on any failure nothing is loaded, and the error
 * names the table. `onStep` hears of each step as it starts.
 */
export async function restoreKeptTables(db: Db, files: ReadonlyMap<string, Blob | Uint8Array>, onStep?: (step: KeptRestoreStep) => void): Promise<void> {
  const registered: string[] = [];
  const total = KEPT_TABLES.reduce((n, t) => n + (files.has(t) ? sizeOf(files.get(t)!) : 0), 0);
  let read = 0;
  // the files' share of the whole, by size; an empty copy's is all events
  const shareOf = (bytes: number) => (total === 0 ? 0 : (bytes / total) * (1 - EVENTS_SHARE));
  try {
    await inTransaction(db, async () => {
      for (const table of KEPT_TABLES) {
        const data = files.get(table);
        if (!data && KEPT_TABLES_ADDED_LATER.has(table)) continue;
        if (!data) throw new Error(`The kept table ${table} is missing`);
        onStep?.({ table, bytes: sizeOf(data), done: shareOf(read) });
        read += sizeOf(data);
        const file = `_vrp_kept_${table}.csv`;
        await db.registerFile(file, data);
        registered.push(file);
        try {
          // every value read as text (an empty quoted text stays empty, not NULL) and cast by INSERT;
          // columns matched by the names in the file's header, so a copy kept before a column was
          // added to a table still opens (the new column empty)
          await db.exec(
            `INSERT INTO ${quoteIdent(table)} BY NAME SELECT * FROM read_csv(${sqlString(file)}, header = true, delim = ',', quote = '"', escape = '"',
              all_varchar = true, allow_quoted_nulls = false, strict_mode = true, null_padding = false)`,
          );
        } catch (e) {
          throw new Error(`The kept table ${table} could not be read (${whyNot(e)})`);
        }
      }
      onStep?.({ table: null, bytes: 0, done: total === 0 ? 0 : 1 - EVENTS_SHARE });
      try {
        for (const sql of refreshEventsSql(SOURCE_IDS)) await db.exec(sql);
      } catch (e) {
        throw new Error(`The events could not be made from the kept tables (${whyNot(e)})`);
      }
    });
  } finally {
    for (const file of registered) await db.dropFile(file);
  }
}
