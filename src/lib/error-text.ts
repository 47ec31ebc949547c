/** The first line of an error's message: DuckDB's messages go on with hints and the failing text. */
export function errorFirstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}
