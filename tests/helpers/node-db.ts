import { createDuckDB, NODE_RUNTIME, VoidLogger, type DuckDBBindingsBase, type DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { createRequire } from 'node:module';
import path from 'node:path';
import { rmSync } from 'node:fs';
import type { Table } from 'apache-arrow';
import type { ColumnSpec, Db, QueryResult, Row, SqlValue } from '@/data/db-types';
import { arrowColumns, arrowToRows } from '@/data/arrow-rows';
import { columnsToCsv, tableFromCsvSql } from '@/data/columns-table';
import { SESSION_SETTINGS_SQL } from '@/data/session-settings';
import { StatementCache } from '@/data/statement-cache';
import { trimmedDuckdbWasm } from '../../scripts/duckdb-wasm.mjs';

const require = createRequire(import.meta.url);
// duckdb-wasm's Node build loads apache-arrow's CommonJS build; its tables need that copy's writer.
const cjsArrow = require('apache-arrow') as typeof import('apache-arrow');
const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));

/** The same Db interface as the browser, over duckdb-wasm's blocking Node build. */
class NodeDb implements Db {
  constructor(
    readonly bindings: DuckDBBindingsBase,
    private readonly conn: DuckDBConnection,
  ) {}

  // prepared statements are kept as the browser's are, so every test's SQL runs through the same cache
  private readonly statements = new StatementCache<ReturnType<DuckDBConnection['prepare']>>(
    async (sql) => this.conn.prepare(sql),
    async (stmt) => stmt.close(),
  );

  private async run(sql: string, params?: readonly SqlValue[]): Promise<Table> {
    if (!params || params.length === 0) return this.conn.query(sql);
    return this.statements.run(sql, async (stmt) => stmt.query(...params));
  }

  async query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return arrowToRows(await this.run(sql, params)) as T[];
  }

  withSignal(): Db {
    return this;
  }

  async readSnapshot<T>(work: (snapshot: Db) => Promise<T>): Promise<T> {
    const conn = this.bindings.connect();
    const snapshot = new NodeDb(this.bindings, conn);
    try {
      conn.query('BEGIN TRANSACTION');
      return await work(snapshot);
    } finally {
      try {
        conn.query('ROLLBACK');
      } finally {
        await snapshot.statements.clear();
        conn.close();
      }
    }
  }

  async queryIpc(sql: string, params?: readonly SqlValue[]): Promise<Uint8Array> {
    return cjsArrow.tableToIPC(await this.run(sql, params), 'stream');
  }

  async queryLimited(sql: string, limit: number): Promise<QueryResult> {
    const table = await this.run(sql);
    return { rows: arrowToRows(table, limit), columns: arrowColumns(table), totalRows: table.numRows };
  }

  async exec(sql: string): Promise<void> {
    this.conn.query(sql);
  }

  async registerFile(name: string, data: Blob | Uint8Array): Promise<void> {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer());
    this.bindings.registerFileBuffer(name, bytes);
  }

  async dropFile(name: string): Promise<void> {
    this.bindings.dropFile(name);
    if (/^(export-\d+|_vrp_kept_[a-z_]+)\.csv$/.test(name)) rmSync(name, { force: true });
  }

  async createTableFromColumns(name: string, columns: readonly ColumnSpec[]): Promise<void> {
    const file = `${name}.columns.csv`;
    this.bindings.registerFileBuffer(file, columnsToCsv(columns));
    try {
      this.conn.query(tableFromCsvSql(name, file, columns));
    } finally {
      this.bindings.dropFile(file);
    }
  }

  async createOutputFile(_name: string): Promise<void> {
    // The Node build writes COPY ... TO files to disk itself (removed again by dropFile).
  }

  async readFile(name: string): Promise<Uint8Array<ArrayBuffer>> {
    return this.bindings.copyFileToBuffer(name) as Uint8Array<ArrayBuffer>;
  }

  /** The size of DuckDB's WebAssembly memory, in bytes (it grows, never shrinks). */
  memoryBytes(): number {
    // an Emscripten module (whose types duckdb-wasm does not ship): HEAP8 views the whole memory
    return (this.bindings.mod as unknown as { HEAP8: Int8Array }).HEAP8.length;
  }

  close(): void {
    this.conn.close();
    this.bindings.reset();
  }
}

export type { NodeDb };

/** A fresh in-memory DuckDB for one test file. */
export async function createNodeDb(): Promise<NodeDb> {
  const bindings = await createDuckDB(
    {
      mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
      // the module the app ships: the eh build trimmed of the exports only extensions would use
      eh: { mainModule: trimmedDuckdbWasm(process.cwd()), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new VoidLogger(),
    NODE_RUNTIME,
  );
  await bindings.instantiate();
  const conn = bindings.connect();
  conn.query(SESSION_SETTINGS_SQL);
  return new NodeDb(bindings, conn);
}
