export declare function summariseFreshMemory(
  stepMiB: number,
  rates: readonly number[],
): { fastMiBps: number | null; slowFromMiB: number | null; slowMiBps: number | null; triedMiB: number };
