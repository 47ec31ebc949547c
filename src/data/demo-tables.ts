import type { Db } from './db-types';
import type { SourceId } from './ingest/contracts';
import { refreshEventsSql } from './schema';
import { sqlString } from '@/lib/sql';

// The synthetic demo as it stands after loading: the rows of the four demo extracts once the
// extract pipeline has checked and normalised them, with their load records. The app reads these
// tables on first open instead of running the pipeline over the raw demo extracts every time
// (seconds on a slow machine). scripts/build-demo-tables.mjs makes them from data/demo/*.csv.gz
// with the same pipeline, and a unit test checks they equal what the pipeline gives today.

export const DEMO_SOURCES: readonly SourceId[] = ['police', 'ambulance', 'ed', 'yjs'];

/** Bookkeeping tables that hold the demo's load records, after the source tables. */
export const DEMO_TABLES: readonly string[] = [...DEMO_SOURCES, 'extracts', 'load_warnings', 'load_rejections'];

/** The fixed extract id of a demo source's rows. */
export const demoExtractId = (source: SourceId) => `demo-${source}`;

/** The statement that writes one demo table as gzipped CSV (run by the build script). */
export function demoTableCopySql(table: string, file: string): string {
  if (!DEMO_TABLES.includes(table)) throw new Error(`Not a demo table: ${table}`);
  const order = DEMO_SOURCES.includes(table as SourceId) ? 'line' : table === 'extracts' ? 'source' : 'extract_id, 2, 3';
  return `COPY (SELECT * FROM ${table} ORDER BY ${order}) TO ${sqlString(file)} (HEADER, DELIMITER ',', COMPRESSION gzip)`;
}

/**
 * Reads one demo table's file into its table. Every column is read as text and cast by the
 * table's own types; a quoted empty value stays an empty string, an unquoted one is NULL.
 */
export function demoTableInsertSql(table: string, file: string, gzip: boolean): string {
  if (!DEMO_TABLES.includes(table)) throw new Error(`Not a demo table: ${table}`);
  return `INSERT INTO ${table} BY NAME SELECT * FROM read_csv(${sqlString(file)}, header = true, all_varchar = true,
    delim = ',', quote = '"', escape = '"', compression = '${gzip ? 'gzip' : 'none'}', allow_quoted_nulls = false, strict_mode = true)`;
}

/** Whether bytes are gzip: a server may send a .gz file already unpacked (Content-Encoding). */
export const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * Loads the demo tables (file bytes by table name) in one transaction, stamped as loaded at
 * `loadedAt` (local time, YYYY-MM-DD HH:MM:SS), then refreshes the stored events.
 */
export async function loadDemoTables(db: Db, files: ReadonlyMap<string, Uint8Array>, loadedAt: string): Promise<void> {
  for (const table of DEMO_TABLES) if (!files.has(table)) throw new Error(`The demo table ${table} is missing`);
  const names = DEMO_TABLES.map((t) => `demo-table-${t}.csv.gz`);
  for (const [i, table] of DEMO_TABLES.entries()) await db.registerFile(names[i]!, files.get(table)!);
  try {
    await db.exec('BEGIN TRANSACTION');
    try {
      for (const [i, table] of DEMO_TABLES.entries()) {
        try {
          await db.exec(demoTableInsertSql(table, names[i]!, isGzip(files.get(table)!)));
        } catch (e) {
          const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
          throw new Error(`The demo table ${table} could not be read (${reason})`);
        }
      }
      await db.query(`UPDATE extracts SET loaded_at = CAST(? AS TIMESTAMP) WHERE extract_id IN (${DEMO_SOURCES.map(() => '?').join(', ')})`, [
        loadedAt,
        ...DEMO_SOURCES.map(demoExtractId),
      ]);
      for (const sql of refreshEventsSql(DEMO_SOURCES)) await db.exec(sql);
      await db.exec('COMMIT');
    } catch (e) {
      await db.exec('ROLLBACK');
      throw e;
    }
  } finally {
    for (const name of names) await db.dropFile(name);
  }
}
