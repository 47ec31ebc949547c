// Writes a gzipped DuckDB database file for the app to attach on start-up (the reference tables,
// the demo). It uses DuckDB's native build: DuckDB-wasm cannot yet write a database file it can
// read back (its checkpoint leaves the data in the write-ahead log). The file is written in the
// storage format of DuckDB 1.0, which the app's DuckDB-wasm (DuckDB 1.4) reads.
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** Runs `build` on a new database (it gets a function that runs SQL), then writes it to `target`, gzipped. */
export async function writeDuckdbFile(target, build) {
  const tmp = `${target}.tmp.duckdb`;
  for (const f of [tmp, `${tmp}.wal`]) if (existsSync(f)) rmSync(f);
  const instance = await DuckDBInstance.create(tmp, { storage_compatibility_version: 'v1.0.0' });
  const conn = await instance.connect();
  try {
    await build(async (sql) => {
      await conn.run(sql);
    });
    await conn.run('CHECKPOINT');
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  writeFileSync(target, gzipSync(readFileSync(tmp), { level: 9 }));
  for (const f of [tmp, `${tmp}.wal`]) if (existsSync(f)) rmSync(f);
}
