import type { Db } from '../db-types';
import { readSpecOf, type InspectedFile } from './inspect-file';
import { inRehearsalTurn } from './load-turns';
import { readRawSql } from './pipeline-sql';
import { quoteIdent } from '@/lib/sql';
import { valueStore } from '@/lib/value-store';
import { memoryToPrepareMiB } from './prepare-memory';

// A large file is read into DuckDB while the user checks its columns, so that its load, once asked
// for, starts from the rows instead of the file. Reading the file does not depend on the source or
// the columns chosen for it: every value is read as text, as the load itself reads it. Reading is a
// third of a load (1,000,000 police rows: 1.5 to 2.3 s of 5 to 7 s in the browser).
//
// Only one file is held read ahead at a time (a million rows take about 190 MB of DuckDB's memory),
// and nothing of it is kept: the rows are let go when the file is dismissed, another file is read
// ahead, or the Data page is left. A load of another file stops a read under way, as it stops a
// rehearsal; a load of this file waits for it (see load-turns.ts) and takes its rows over.

interface ReadAhead {
  table: string;
  /** true once the rows are in `table`; false if the read failed or was stopped */
  done: Promise<boolean>;
  stop: AbortController;
}

const held = new Map<InspectedFile, ReadAhead>();
/** Files whose load has been asked for: not read ahead after that. */
const claimed = new WeakSet<InspectedFile>();
let count = 0;
/** What the Data page shows of each file read ahead: being read, or read. */
const shown = valueStore<ReadonlyMap<InspectedFile, 'reading' | 'read'>>(new Map());
const show = (inspected: InspectedFile, state: 'reading' | 'read' | null) => {
  const next = new Map(shown.get());
  if (state === null) next.delete(inspected);
  else next.set(inspected, state);
  shown.set(next);
};

/** Worth reading ahead: plain or gzip text of 16 MiB or more (a file worth readying memory for). */
export function worthReadingAhead(inspected: InspectedFile): boolean {
  return inspected.format !== 'parquet' && memoryToPrepareMiB({ size: inspected.content.size, format: inspected.format, gzip: inspected.gzip }) > 0;
}

/** Whether a file is being read ahead of its load, or has been (null: neither, or its load has claimed it). */
export function useReadAheadState(inspected: InspectedFile): 'reading' | 'read' | null {
  return shown.use().get(inspected) ?? null;
}

const dropSql = (table: string) => `DROP TABLE IF EXISTS ${quoteIdent(table)}`;

/**
 * Reads a chosen file into a table of its own in a rehearsal's turn (a load asked for first goes
 * first), letting go of any other file read ahead. `read` runs the statement and stops when its
 * signal aborts. Resolves true once the rows are ready for the file's load.
 */
export function readAhead(db: Db, inspected: InspectedFile, read: (sql: string, signal: AbortSignal) => Promise<void>): Promise<boolean> {
  const existing = held.get(inspected);
  if (existing) return existing.done;
  if (claimed.has(inspected) || !worthReadingAhead(inspected)) return Promise.resolve(false);
  letGoAll(db);
  const n = ++count;
  const table = `_ra_${n}`;
  const file = `read-ahead-${n}`;
  const stop = new AbortController();
  const done = inRehearsalTurn(
    async (signal) => {
      show(inspected, 'reading');
      await db.registerFile(file, inspected.content);
      try {
        await read(readRawSql(readSpecOf(inspected, file), table), signal);
      } finally {
        await db.dropFile(file);
      }
    },
    { key: inspected, stop: stop.signal },
  ).then(async (ok) => {
    if (ok && !stop.signal.aborted) {
      if (held.get(inspected) === entry) show(inspected, 'read');
      return true;
    }
    // failed or stopped: a load of the file reads it itself, and reports any fault in it
    if (held.get(inspected) === entry) {
      held.delete(inspected);
      show(inspected, null);
    }
    await db.exec(dropSql(table)).catch(() => undefined);
    return false;
  });
  const entry: ReadAhead = { table, done, stop };
  held.set(inspected, entry);
  return done;
}

/** A file's read ahead, claimed by its load. */
export interface ClaimedReadAhead {
  /** In the load's turn: the table of the file's rows, or null if they could not be read ahead. */
  take: () => Promise<string | null>;
  /** For a load that ends without taking the rows over: they are let go. */
  release: () => void;
}

/**
 * Claims a file's read ahead for its load, as the load is asked for, so that the rows are not let
 * go meanwhile; null if there is none. The load must ask for its turn with `awaits: inspected`, so
 * that a read under way is let end. No read ahead of the file starts after this.
 */
export function claimReadAhead(db: Db, inspected: InspectedFile): ClaimedReadAhead | null {
  claimed.add(inspected);
  const entry = held.get(inspected);
  if (!entry || entry.stop.signal.aborted) return null;
  held.delete(inspected);
  show(inspected, null);
  return {
    take: async () => ((await entry.done) ? entry.table : null),
    release: () => void entry.done.then((ok) => (ok ? db.exec(dropSql(entry.table)) : undefined)).catch(() => undefined),
  };
}

/** Lets go of a file's rows read ahead (stopping the read if under way), unless its load has claimed them. */
export function letGo(db: Db, inspected: InspectedFile): void {
  const entry = held.get(inspected);
  if (!entry) return;
  held.delete(inspected);
  show(inspected, null);
  entry.stop.abort();
  void entry.done.then((ok) => (ok ? db.exec(dropSql(entry.table)) : undefined)).catch(() => undefined);
}

/** Lets go of every file read ahead and not claimed (another file is read ahead, or the Data page is left). */
export function letGoAll(db: Db): void {
  for (const inspected of [...held.keys()]) letGo(db, inspected);
}
