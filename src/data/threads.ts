/**
 * How many threads DuckDB gets: its threaded build needs a cross-origin isolated page (the
 * app's server sends the COOP and COEP headers) and more than one core; one core is left to the
 * page when there are more than two, and at most four are used.
 */
export function threadsFor(isolated: boolean, cores: number | undefined): number {
  if (!isolated || !cores || cores < 2) return 1;
  return Math.min(4, cores > 2 ? cores - 1 : 2);
}
