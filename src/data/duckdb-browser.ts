import * as duckdb from '@duckdb/duckdb-wasm';
// the eh build without the exports only extensions would use, and each build's main worker script
// refusing a file it finds no memory for (scripts/duckdb-wasm.mjs)
import ehWasm from 'vrp:duckdb-eh.wasm?url';
import ehWorker from 'vrp:duckdb-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from 'vrp:duckdb-mvp.worker.js?url';
// the threaded build, its worker scripts patched to renew their memory views (scripts/duckdb-wasm.mjs)
import coiWasm from 'vrp:duckdb-coi.wasm?url';
import coiWorker from 'vrp:duckdb-coi.worker.js?url';
import coiPthread from 'vrp:duckdb-coi.pthread.worker.js?url';
import { tableToIPC, type Table } from 'apache-arrow';
import type { ColumnSpec, Db, QueryResult, Row, SqlValue } from './db-types';
import { arrowColumns, arrowToRows } from './arrow-rows';
import { columnsToCsv, tableFromCsvSql } from './columns-table';
import { SESSION_SETTINGS_SQL } from './session-settings';
import { StatementCache } from './statement-cache';
import { readBytesOffThread } from './file-bytes';
import { threadsFor } from './threads';


/** Each connection's kept prepared statements (see statement-cache.ts). */
const statements = new WeakMap<duckdb.AsyncDuckDBConnection, StatementCache<duckdb.AsyncPreparedStatement>>();

function statementsOf(conn: duckdb.AsyncDuckDBConnection): StatementCache<duckdb.AsyncPreparedStatement> {
  let cache = statements.get(conn);
  if (!cache) {
    cache = new StatementCache(
      (sql) => conn.prepare(sql),
      (stmt) => stmt.close(),
    );
    statements.set(conn, cache);
  }
  return cache;
}

class BrowserDb implements Db {
  constructor(
    private readonly db: duckdb.AsyncDuckDB,
    private readonly conn: duckdb.AsyncDuckDBConnection,
    /** the threads DuckDB runs a statement on once useAllThreads has run: 1 for the single-threaded build */
    readonly threads: number,
    // One connection serialises every statement (DuckDB-wasm runs one query at a time anyway);
    // views of this Db made by withSignal share the same lane.
    private readonly lane: { queue: Promise<unknown> } = { queue: Promise.resolve() },
    private readonly signal?: AbortSignal,
  ) {}

  /**
   * Gives DuckDB all its threads (see startDuckDb): once the database files it attaches as it
   * starts (the reference data, the demo) have been copied out, before the first view's query.
   */
  useAllThreads(): Promise<void> {
    return this.threads > 1 ? this.exec(`SET threads = ${this.threads}`) : Promise.resolve();
  }

  withSignal(signal: AbortSignal): Db {
    return new BrowserDb(this.db, this.conn, this.threads, this.lane, signal);
  }

  async readSnapshot<T>(work: (snapshot: Db) => Promise<T>): Promise<T> {
    const conn = await this.serial(() => this.db.connect());
    const snapshot = new BrowserDb(this.db, conn, this.threads, this.lane, this.signal);
    // the transaction ends and the connection closes even when the signal has aborted the work:
    // an open transaction would keep every row version it can see in memory
    const closing = new BrowserDb(this.db, conn, this.threads, this.lane);
    try {
      await snapshot.exec('BEGIN TRANSACTION');
      return await work(snapshot);
    } finally {
      await closing.exec('ROLLBACK').catch(() => undefined);
      await closing.serial(async () => {
        await statementsOf(conn).clear();
        await conn.close();
      });
    }
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const signal = this.signal;
    // a query whose view has gone is dropped before it starts, so it cannot hold up the next view
    const run = () => {
      if (signal?.aborted) throw new DOMException('The query is no longer needed', 'AbortError');
      return task();
    };
    const next = this.lane.queue.then(run, run);
    this.lane.queue = next.catch(() => undefined);
    return next;
  }

  private async run(sql: string, params?: readonly SqlValue[]): Promise<Table> {
    if (!params || params.length === 0) return this.conn.query(sql);
    return statementsOf(this.conn).run(sql, (stmt) => stmt.query(...params));
  }

  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.serial(async () => arrowToRows(await this.run(sql, params)) as T[]);
  }

  queryIpc(sql: string, params?: readonly SqlValue[]): Promise<Uint8Array> {
    return this.serial(async () => tableToIPC(await this.run(sql, params), 'stream'));
  }

  queryLimited(sql: string, limit: number): Promise<QueryResult> {
    return this.serial(async () => {
      const table = await this.run(sql);
      return { rows: arrowToRows(table, limit), columns: arrowColumns(table), totalRows: table.numRows };
    });
  }

  exec(sql: string): Promise<void> {
    return this.serial(async () => {
      await this.conn.query(sql);
    });
  }

  /** Runs a long statement that an abort signal can interrupt. */
  execCancellable(sql: string, signal?: AbortSignal): Promise<void> {
    return this.serial(async () => {
      const abort = () => void this.conn.cancelSent();
      signal?.addEventListener('abort', abort);
      try {
        const reader = await this.conn.send(sql, true);
        for await (const batch of reader) void batch;
        if (signal?.aborted) throw new DOMException('Loading was cancelled', 'AbortError');
      } finally {
        signal?.removeEventListener('abort', abort);
      }
    });
  }

  registerFile(name: string, data: Blob | Uint8Array): Promise<void> {
    return this.serial(async () => {
      if (data instanceof Uint8Array) {
        await this.db.registerFileBuffer(name, data);
      } else if (this.threads > 1) {
        // A file registered as a handle can be read only on the thread that registered it, and
        // the threaded build reads on any: the file's bytes, read in a worker, are handed to
        // DuckDB's worker (moved, not copied), which copies them into its memory, let go when the
        // file is dropped. A blob: address of the file, which DuckDB fetched whole as it opened
        // it, took twice as long to arrive and held more at the load's peak (docs/performance.md).
        await this.db.registerFileBuffer(name, await readBytesOffThread(data));
      } else {
        await this.db.registerFileHandle(name, data, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
      }
    });
  }

  dropFile(name: string): Promise<void> {
    return this.serial(async () => {
      await this.db.dropFile(name);
    });
  }

  createTableFromColumns(name: string, columns: readonly ColumnSpec[]): Promise<void> {
    return this.serial(async () => {
      const file = `${name}.columns.csv`;
      await this.db.registerFileBuffer(file, columnsToCsv(columns));
      try {
        await this.conn.query(tableFromCsvSql(name, file, columns));
      } finally {
        await this.db.dropFile(file);
      }
    });
  }

  createOutputFile(name: string): Promise<void> {
    return this.serial(() => this.db.registerEmptyFileBuffer(name));
  }

  readFile(name: string): Promise<Uint8Array<ArrayBuffer>> {
    // DuckDB copies the file into a new ArrayBuffer (never shared memory)
    return this.serial(async () => (await this.db.copyFileToBuffer(name)) as Uint8Array<ArrayBuffer>);
  }

  async terminate(): Promise<void> {
    await this.conn.close();
    await this.db.terminate();
  }
}

export type { BrowserDb };

let starting: Promise<BrowserDb> | null = null;

/** Starts DuckDB once; every caller shares the same in-flight promise. */
export function startDuckDb(): Promise<BrowserDb> {
  starting ??= (async () => {
    const threads = threadsFor(globalThis.crossOriginIsolated === true, navigator.hardwareConcurrency);
    const bundle = await duckdb.selectBundle({
      mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
      eh: { mainModule: ehWasm, mainWorker: ehWorker },
      ...(threads > 1 ? { coi: { mainModule: coiWasm, mainWorker: coiWorker, pthreadWorker: coiPthread } } : {}),
    });
    const worker = new Worker(bundle.mainWorker!);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    // The threaded build opens on one thread and is given the rest once, by useAllThreads, never
    // to take any back: DuckDB waits for a thread it stops to end, and a thread whose worker has
    // not started yet (it needs this worker's event loop) never does, so lowering the count hung.
    // One thread first, because duckdb-wasm reads a file at a position by setting the position on
    // the file's one handle and then reading from it, so two threads reading an attached database
    // file at once can each read the other's block (DuckDB then stops: "invalid
    // fsst_symbol_table_offset", database invalidated). Only the files attached as the app starts
    // are read that way; a CSV is read a buffer at a time under DuckDB's own lock.
    await db.open({ query: { castBigIntToDouble: false }, ...(bundle.pthreadWorker ? { maximumThreads: 1 } : {}) });
    const conn = await db.connect();
    await conn.query(SESSION_SETTINGS_SQL);
    return new BrowserDb(db, conn, bundle.pthreadWorker ? threads : 1);
  })();
  starting.catch(() => {
    starting = null;
  });
  return starting;
}

/** Stops the worker and frees its memory (wasm memory only shrinks when the worker ends). */
export async function stopDuckDb(): Promise<void> {
  const current = starting;
  starting = null;
  if (current) await (await current).terminate();
}
