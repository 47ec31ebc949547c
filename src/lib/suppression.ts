// Publishing mode (product spec): counts of 1–4 show as "<5"; in a table whose row or column totals
// are shown, a row or column with exactly one suppressed cell has its next smallest cell suppressed
// too, so no hidden count can be worked out by subtraction; zero stays zero; rates, shares and
// ratios built on a suppressed count are not shown.

export const SUPPRESSED = '<5';

export function isSmall(n: number): boolean {
  return n >= 1 && n <= 4;
}

/** A count as shown: the number, or "<5" in publishing mode. */
export function displayCount(n: number, publish: boolean, format: (n: number) => string = String): string {
  return publish && isSmall(n) ? SUPPRESSED : format(n);
}

/** Shown instead of a rate, share or ratio that rests on a hidden count. */
export const SUPPRESSED_DERIVED = 'suppressed';

/** A value derived from counts (rate, share, ratio): hidden when any count it rests on is hidden. */
export function displayDerived(value: number | null, basedOn: readonly number[], publish: boolean, format: (n: number) => string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (publish && basedOn.some(isSmall)) return SUPPRESSED_DERIVED;
  return format(value);
}

/**
 * Which cells of a table to hide. Primary: every count from 1 to 4. Secondary, repeated until
 * stable: in each row (when row totals are shown) and each column (when column totals are shown)
 * with exactly one hidden cell, also hide the smallest other non-zero cell. (If there is none, the
 * line's total equals the hidden count, so the total is itself 1–4 and hidden by displayCount.)
 */
export function suppressionMask(cells: readonly (readonly number[])[], totals: { rows: boolean; columns: boolean }): boolean[][] {
  const mask = cells.map((row) => row.map(isSmall));
  const lines: [number, number][][] = [];
  const nRows = cells.length;
  const nCols = Math.max(0, ...cells.map((r) => r.length));
  if (totals.rows) for (let r = 0; r < nRows; r++) lines.push(cells[r]!.map((_, c) => [r, c]));
  if (totals.columns)
    for (let c = 0; c < nCols; c++) {
      const line: [number, number][] = [];
      for (let r = 0; r < nRows; r++) if (c < cells[r]!.length) line.push([r, c]);
      lines.push(line);
    }
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const hidden = line.filter(([r, c]) => mask[r]![c]);
      if (hidden.length !== 1) continue;
      let best: [number, number] | null = null;
      for (const [r, c] of line) {
        const v = cells[r]![c]!;
        if (mask[r]![c] || v === 0) continue;
        if (!best || v < cells[best[0]]![best[1]]!) best = [r, c];
      }
      if (best) {
        mask[best[0]]![best[1]] = true;
        changed = true;
      }
    }
  }
  return mask;
}
