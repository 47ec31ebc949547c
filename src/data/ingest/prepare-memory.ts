import type { Db } from '../db-types';
import type { InspectedFile } from './inspect-file';
import { loadsAskedFor } from './load-turns';

const MIB = 1024 * 1024;

/**
 * DuckDB's memory grows by about 5.5 bytes for each byte of a CSV file it loads (1,000,000 police
 * rows, 108 MB: 463 MB once read, 665 MB after the checks). Preparing 4.2 bytes a byte covers most
 * of that without taking more than the load itself would.
 */
const MIB_PER_CSV_MIB = 4.2;
/** Gzip and Parquet files hold several times less than the CSV text they become. */
const CSV_PER_PACKED_BYTE = 4;
/** Files smaller than this load in about a second: not worth preparing for. */
const SMALLEST_FILE = 16 * MIB;
/**
 * At most this much, held in one batch of DuckDB's (2,048 values): 1.5 GiB leaves room under
 * WebAssembly's 4 GiB for data already loaded.
 */
const LARGEST_MIB = 1536;

/** How many MiB of memory to have DuckDB touch before loading this file (0: none). */
export function memoryToPrepareMiB(file: { size: number; format: InspectedFile['format']; gzip: boolean }): number {
  const csvBytes = file.gzip || file.format === 'parquet' ? file.size * CSV_PER_PACKED_BYTE : file.size;
  if (csvBytes < SMALLEST_FILE) return 0;
  return Math.min(LARGEST_MIB, Math.round((csvBytes * MIB_PER_CSV_MIB) / MIB));
}

/**
 * One batch of texts of 1 MiB each, one for each MiB asked for (bound as the second value), all
 * held at once and freed together: DuckDB's allocator keeps the freed memory for what comes next.
 * Returns the length of the longest text (1 MiB and the digits of its number).
 */
export const PREPARE_MEMORY_SQL = `WITH block AS (SELECT repeat('x', ?::BIGINT) AS s)
SELECT max(length(block.s || range::VARCHAR))::BIGINT AS longest FROM block, range(?::BIGINT)`;

/**
 * Has DuckDB touch the memory a load of the largest of these files will need, while the user still
 * looks at their columns. WebAssembly memory is handed to DuckDB's worker page by page on first
 * touch, which on some machines costs 2.6 s or more per GiB; memory touched once is reused without
 * that cost. A load started before this ends waits for it, and wins back most of the wait
 * (1,000,000 rows, each build in turn: 0.2 to 1.3 s slower than without it when Load is clicked the
 * instant the columns show, 1.2 to 1.6 s quicker when clicked a moment later). Nothing is readied
 * while a load waits or runs (see load-turns.ts). Failing here (no memory left) changes nothing:
 * the load then reports its own error. Returns the MiB readied.
 */
export async function prepareMemory(db: Db, files: readonly InspectedFile[]): Promise<number> {
  // several files chosen at once load one after another: the largest load's memory serves them all
  const mib = Math.max(0, ...files.map((f) => memoryToPrepareMiB({ size: f.content.size, format: f.format, gzip: f.gzip })));
  return readyMemory(db, mib);
}

/** Has DuckDB touch `mib` MiB of memory, unless a load waits or runs. Returns the MiB readied. */
export async function readyMemory(db: Db, mib: number): Promise<number> {
  const n = Math.min(LARGEST_MIB, Math.round(mib));
  if (n <= 0 || loadsAskedFor() > 0) return 0;
  await db.query(PREPARE_MEMORY_SQL, [MIB, n]);
  return n;
}
