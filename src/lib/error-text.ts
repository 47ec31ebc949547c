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
