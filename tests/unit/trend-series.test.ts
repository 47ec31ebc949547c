import { describe, expect, it } from 'vitest';
import { per1000, pivotMonthly, rolling12, trendRange, yearOnYear } from '@/features/trends/series';
import { monthSpine } from '@/lib/months';

describe('trend series', () => {
  it('runs from the filter months, else from the data, never past the latest complete month', () => {
    expect(trendRange({ from: null, to: null }, { first: '2019-01', latestComplete: '2026-10' })).toEqual({ from: '2019-01', to: '2026-10' });
    expect(trendRange({ from: '2024-03', to: '2030-01' }, { first: '2019-01', latestComplete: '2026-10' })).toEqual({ from: '2024-03', to: '2026-10' });
    expect(trendRange({ from: null, to: null }, { first: null, latestComplete: null })).toBeNull();
  });

  it('fills months with no records with zero', () => {
    const rows = [
      { month: '2024-01', key: 'police', n: 3, n_in_area: 2 },
      { month: '2024-03', key: 'ed', n: 5, n_in_area: 5 },
    ];
    expect(pivotMonthly(rows, { from: '2023-12', to: '2024-03' }, ['police', 'ed'])).toEqual([
      { month: '2023-12', police: 0, ed: 0 },
      { month: '2024-01', police: 3, ed: 0 },
      { month: '2024-02', police: 0, ed: 0 },
      { month: '2024-03', police: 0, ed: 5 },
    ]);
    expect(pivotMonthly(rows, { from: '2024-01', to: '2024-01' }, ['police'], 'n_in_area')).toEqual([{ month: '2024-01', police: 2 }]);
    expect(monthSpine('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
  });

  it('sums twelve months at a time', () => {
    // 1..14: the first full year is 1+…+12 = 78, then 2+…+13 = 90, then 3+…+14 = 102
    expect(rolling12(Array.from({ length: 14 }, (_, i) => i + 1))).toEqual([...Array(11).fill(null), 78, 90, 102]);
  });

  it('sets a year against the one before, blank outside the data', () => {
    const totals = new Map([['2025-01', 4], ['2026-01', 7], ['2026-02', 2]]);
    const rows = yearOnYear(totals, 2026, '2025-01', '2026-02');
    expect(rows.slice(0, 3)).toEqual([
      { month: 'Jan', thisYear: 7, lastYear: 4 },
      { month: 'Feb', thisYear: 2, lastYear: 0 },
      { month: 'Mar', thisYear: null, lastYear: 0 },
    ]);
    expect(yearOnYear(totals, 2025, '2025-01', '2026-02')[0]).toEqual({ month: 'Jan', thisYear: 4, lastYear: null });
  });

  it('rates per 1,000 need a population', () => {
    expect(per1000(12, 1286)).toBeCloseTo(9.3313, 4);
    expect(per1000(12, 0)).toBeNull();
  });
});
