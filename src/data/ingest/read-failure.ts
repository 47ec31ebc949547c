import type { Db } from '../db-types';
import { FIRST_REJECT_SQL, ONLY_LONG_ROWS_SQL, readRejectsSql, type ReadSpec } from './pipeline-sql';

// What the user is told when DuckDB cannot read a file: the first line it cannot take and why,
// in the user's words, instead of DuckDB's message (which suggests reader options the user cannot
// set, and quotes the app's own SQL).

/** The first row DuckDB could not take, from its rejects table. */
export interface Reject {
  line: number;
  kind: string;
  text: string | null;
}

/** The browser's file reader failing: the file was moved, removed or changed after it was chosen. */
const FILE_GONE = /\b(NotFoundError|NotReadableError)\b/;

export function movedFileMessage(reason: string): string {
  return `The file could not be read, perhaps because it was moved or changed after it was chosen (${reason}). Choose it again.`;
}

const FAULTS: Readonly<Record<string, (columns: number) => string>> = {
  'TOO MANY COLUMNS': (n) => `has more values than the header's ${n} columns`,
  'MISSING COLUMNS': (n) => `has fewer values than the header's ${n} columns`,
  'UNQUOTED VALUE': () => 'opens a quote (") that is never closed',
  'INVALID UNICODE': () => 'is not UTF-8 text',
  'LINE SIZE OVER MAXIMUM': () => 'is longer than the 17 MB a row may be',
};

/** A line's text as shown: its first physical line, at most 80 characters. */
function shownText(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}

/** DuckDB's own first line, without its error class. */
function firstLine(raw: string): string {
  const line = raw.split('\n').find((l) => l.trim() !== '') ?? raw;
  return line.replace(/^([A-Z][A-Za-z]*( [A-Za-z]+)* )?Error: /, '').replace(/\.$/, '');
}

export function readFailureMessage(spec: Pick<ReadSpec, 'format' | 'gzip' | 'columns'>, raw: string, reject: Reject | null): string {
  const gone = FILE_GONE.exec(raw);
  if (gone) {
    const reason = raw.slice(gone.index).split('\n')[0]!.split(': ').at(-1)!.replace(/\.$/, '');
    return movedFileMessage(reason);
  }
  const cutShort = spec.gzip ? ' The compressed file may be cut short or damaged.' : '';
  const as = spec.format.toUpperCase();
  if (reject) {
    const fault = FAULTS[reject.kind]?.(spec.columns) ?? `cannot be read (${reject.kind.toLowerCase()})`;
    const text = reject.text ? shownText(reject.text) : '';
    return `The file could not be read as ${as}: line ${reject.line} ${fault}${text ? `: ${text}` : ''}.${cutShort}`;
  }
  const badText = /Invalid unicode/i.test(raw) ? /CSV Error on Line: (\d+)/.exec(raw) : null;
  if (badText) return `The file could not be read as ${as}: line ${badText[1]} is not UTF-8 text.`;
  if (spec.gzip) return `The file could not be decompressed (${firstLine(raw)}).${cutShort}`;
  return `The file could not be read as ${as}: ${firstLine(raw)}.`;
}

/** Why a read failed, in the user's words, and what the load can do about it. */
export interface ReadFailure {
  message: string;
  /** the bytes are not UTF-8 past the part the Data page looked at: read again as Windows-1252 */
  notUtf8: boolean;
  /** every row DuckDB could not take was only too long (in _ld_rejects): the rest can load */
  onlyLongRows: boolean;
}

/**
 * Says why a read failed: a file the browser can no longer read, else the first row DuckDB cannot
 * take, found by reading the file again and keeping what it rejects (its tables are dropped with
 * the load's other working tables).
 */
export async function describeReadFailure(db: Db, spec: ReadSpec, error: unknown): Promise<ReadFailure> {
  const raw = error instanceof Error ? error.message : String(error);
  let reject: Reject | null = null;
  let onlyLongRows = false;
  if (!FILE_GONE.test(raw)) {
    try {
      await db.exec(readRejectsSql(spec));
      reject = (await db.query<{ line: number; kind: string; text: string | null }>(FIRST_REJECT_SQL))[0] ?? null;
      onlyLongRows = Boolean((await db.query<{ only_long: boolean }>(ONLY_LONG_ROWS_SQL))[0]?.only_long);
    } catch {
      // the second read failed as well: DuckDB's own words are all there is
    }
  }
  const notUtf8 = reject?.kind === 'INVALID UNICODE' || /Invalid unicode|not utf-8 encoded/i.test(raw);
  return { message: readFailureMessage(spec, raw, reject), notUtf8, onlyLongRows };
}
