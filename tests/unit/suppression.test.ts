import { describe, expect, it } from 'vitest';
import { displayCount, displayDerived, suppressionMask, SUPPRESSED_DERIVED } from '@/lib/suppression';

const T = true;
const F = false;

describe('publishing mode: counts', () => {
  it('shows 1–4 as <5, keeps zero and larger counts, and changes nothing when off', () => {
    expect([0, 1, 4, 5, 1234].map((n) => displayCount(n, true))).toEqual(['0', '<5', '<5', '5', '1234']);
    expect(displayCount(3, false)).toBe('3');
    expect(displayCount(1234, true, (n) => n.toLocaleString('en-GB'))).toBe('1,234');
  });

  it('hides a rate or share that rests on a hidden count', () => {
    const pct = (v: number) => `${v.toFixed(1)}%`;
    expect(displayDerived(37.5, [3, 8], true, pct)).toBe(SUPPRESSED_DERIVED);
    expect(displayDerived(37.5, [3, 8], false, pct)).toBe('37.5%');
    expect(displayDerived(62.5, [5, 8], true, pct)).toBe('62.5%');
    expect(displayDerived(null, [5], true, pct)).toBe('—');
  });
});

describe('publishing mode: secondary suppression (worked by hand)', () => {
  it('a 3×3 table with row and column totals', () => {
    // rows [3 10 12] [8 9 0] [20 2 15]. Primary: 3 and 2. Pass 1: row 0 hides 10, row 2 hides 15,
    // column 0 hides 8, column 2 hides 12. Pass 2: row 1 now has one hidden cell (8) and hides 9.
    const cells = [
      [3, 10, 12],
      [8, 9, 0],
      [20, 2, 15],
    ];
    expect(suppressionMask(cells, { rows: true, columns: true })).toEqual([
      [T, T, T],
      [T, T, F],
      [F, T, T],
    ]);
  });

  it('a one-column table with a total hides the next smallest non-zero count, never a zero', () => {
    expect(suppressionMask([[12], [3], [0], [7]], { rows: false, columns: true })).toEqual([[F], [T], [F], [T]]);
  });

  it('two hidden cells in a line need nothing more', () => {
    expect(suppressionMask([[2, 3, 40]], { rows: true, columns: false })).toEqual([[T, T, F]]);
  });

  it('without totals only the small counts are hidden, and a table with none is untouched', () => {
    expect(suppressionMask([[2, 50]], { rows: false, columns: false })).toEqual([[T, F]]);
    expect(suppressionMask([[0, 5], [6, 7]], { rows: true, columns: true })).toEqual([[F, F], [F, F]]);
  });

  it('no hidden count can be recovered from the totals', () => {
    const cells = [
      [3, 10, 12],
      [8, 9, 0],
      [20, 2, 15],
    ];
    const mask = suppressionMask(cells, { rows: true, columns: true });
    const lines = [...cells.map((row, r) => row.map((_, c) => mask[r]![c]!)), ...[0, 1, 2].map((c) => cells.map((_, r) => mask[r]![c]!))];
    for (const line of lines) expect(line.filter(Boolean).length === 1).toBe(false);
  });
});
