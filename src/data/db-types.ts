/** A value that can be bound to a `?` placeholder. */
export type SqlValue = string | number | boolean | null;

export type Scalar = string | number | boolean | null;

/** A plain row as the UI sees it: BIGINT converted to number, dates as ISO strings, lists as arrays. */
export type Row = Record<string, Scalar | Scalar[]>;

/** One column of a bulk insert from JavaScript; numbers may be NaN for missing. */
export type ColumnSpec =
  | { name: string; type: 'VARCHAR'; values: (string | null)[] }
  | { name: string; type: 'DOUBLE'; values: number[] };

export interface QueryResult<T extends Row = Row> {
  rows: T[];
  columns: string[];
  /** Rows in the full result; `rows` may hold fewer when a limit was asked for. */
  totalRows: number;
}

/**
 * The one interface to DuckDB. The browser implementation talks to duckdb-wasm's worker;
 * tests use the same interface over duckdb-wasm's blocking Node build, so every SQL path
 * runs against a real DuckDB in both places.
 */
export interface Db {
  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a query and keeps at most `limit` rows in JS, reporting the full count. */
  queryLimited(sql: string, limit: number): Promise<QueryResult>;
  /**
   * Runs a query and returns its result as Arrow IPC stream bytes, for work done off the main
   * thread (a worker decodes them); nothing on the page decodes the rows.
   */
  queryIpc(sql: string, params?: readonly SqlValue[]): Promise<Uint8Array>;
  /**
   * The same database, for one query's work: statements still queued when `signal` aborts (the
   * view that asked has gone) are dropped before they start.
   */
  withSignal(signal: AbortSignal): Db;
  /**
   * Runs `work` on the database as it stands now: its reads see none of the changes made meanwhile
   * (a file loaded, a statement in the SQL console), so work done in many statements, such as an
   * export in batches, still reads one consistent set of records. Its own connection, in a
   * transaction that is rolled back after; statements still take turns with everything else.
   */
  readSnapshot<T>(work: (snapshot: Db) => Promise<T>): Promise<T>;
  /** Runs one or more statements for their effect. */
  exec(sql: string): Promise<void>;
  registerFile(name: string, data: Blob | Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
  /** Creates (or replaces) a temporary table from JS columns; NaN becomes NULL. */
  createTableFromColumns(name: string, columns: readonly ColumnSpec[]): Promise<void>;
  /** Makes an empty in-memory file for DuckDB to write to (COPY ... TO). */
  createOutputFile(name: string): Promise<void>;
  /** Copies a file DuckDB wrote (e.g. by COPY ... TO) back to JS, in an ArrayBuffer of its own. */
  readFile(name: string): Promise<Uint8Array<ArrayBuffer>>;
}
