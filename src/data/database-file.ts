import type { Db } from './db-types';

// Tables the app ships ready-made (the reference data, the demo) come as DuckDB database files,
// made by scripts/duckdb-file.mjs. Copying stored tables out of an attached file took 0.23 to 0.29 s
// for the demo in the browser, where parsing the same rows from CSV and then making their events
// took 0.5 to 0.65 s.

/** Whether bytes are gzip: a server may send a .gz file already unpacked (Content-Encoding). */
export const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Attaches a database file (gzipped or not) read-only as `alias`, runs `work`, then detaches it and
 * lets the file go, whether or not `work` succeeded. In the browser, only as the app starts, while
 * DuckDB still runs on one thread: two of its threads reading an attached file at once can read
 * each other's blocks (see startDuckDb).
 */
export async function withDatabaseFile<T>(db: Db, alias: string, bytes: Uint8Array, work: () => Promise<T>): Promise<T> {
  if (!/^[a-z_]+$/.test(alias)) throw new Error(`Not an alias: ${alias}`);
  const file = `${alias}.duckdb`;
  await db.registerFile(file, isGzip(bytes) ? await gunzip(bytes) : bytes);
  try {
    await db.exec(`ATTACH '${file}' AS ${alias} (READ_ONLY)`);
    try {
      return await work();
    } finally {
      await db.exec(`DETACH ${alias}`);
    }
  } finally {
    await db.dropFile(file);
  }
}
