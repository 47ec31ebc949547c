/** The first line of an error's message: DuckDB's messages go on with hints and the failing text. */
export function errorFirstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}

/**
 * Whether an error is DuckDB running out of memory: its limit reached ("could not allocate block")
 * or the memory it asked for refused ("Failed to allocate").
 */
export function isOutOfMemory(e: unknown): boolean {
  return /Out of Memory Error|could not allocate block|Failed to allocate/i.test(e instanceof Error ? e.message : String(e));
}

/**
 * Why data the page loads as it opens (the synthetic demo, or the data kept in this browser) did
 * not load, in words a user can act on: DuckDB's message on running out of memory names a block
 * size and a setting no user can reach; any other message is shortened to its first line. No final
 * full stop, as it is set inside a sentence.
 */
export function openFailureText(e: unknown): string {
  if (isOutOfMemory(e)) return 'this browser tab ran out of memory for DuckDB (close other tabs, then reload the page)';
  return errorFirstLine(e).replace(/\.$/, '');
}
