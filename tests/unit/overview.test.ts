import { describe, expect, it } from 'vitest';
import { headline, relativeChange } from '@/features/overview/headline';
import { knifeTarget } from '@/features/overview/knife-target';
import { attentionItems } from '@/features/overview/attention';
import { monthSpine } from '@/lib/months';
import type { MonthlyCount } from '@/data/aggregates';

describe('headline figures', () => {
  const totals = new Map([['2024-12', 10], ['2025-11', 20], ['2025-12', 25]]);

  it('compare the month with the one before and the same month last year, and judge it', () => {
    // 24 months, zero but for 10, 20 and 25: mean 55/24 = 2.29, mR̄ 45/23 = 1.96, upper limit 7.49
    expect(headline(totals, '2025-12', '2024-01')).toEqual({
      month: '2025-12',
      value: 25,
      previous: 20,
      lastYear: 10,
      judgement: { tone: 'concern', words: 'unusually high: 2nd month in a row above the upper limit' },
      history: 24,
    });
    expect(relativeChange(25, 20)).toBe(0.25);
    expect(relativeChange(25, 10)).toBe(1.5);
    expect(relativeChange(5, 0)).toBeNull();
  });

  it('have no comparison before the data starts and no judgement on under 12 months', () => {
    expect(headline(totals, '2024-01', '2024-01')).toMatchObject({ value: 0, previous: null, lastYear: null, judgement: null, history: 1 });
  });
});

describe('the knife-crime reduction target', () => {
  it('halves the baseline year and draws a straight line to the target year', () => {
    const totals = new Map<string, number>();
    for (const m of monthSpine('2019-01', '2019-12')) totals.set(m, 10);
    for (const m of monthSpine('2024-01', '2024-12')) totals.set(m, 8);
    // baseline 120, target 60; Dec 2024 is 60 of the 120 months from Dec 2019 to Dec 2029,
    // so the line stands at 120 − 60 × 0.5 = 90; the year to Dec 2024 had 96
    expect(knifeTarget(totals, 2019, 2029, '2024-12')).toEqual({
      baselineYear: 2019,
      targetYear: 2029,
      baseline: 120,
      target: 60,
      current: 96,
      reduction: 0.2,
      onTrajectory: 90,
      onTrack: false,
      neededPerYear: 7.2,
      monthsLeft: 60,
    });
  });
});

describe('what needs attention', () => {
  it('lists the series whose latest month is a special cause, skipping series too small to judge', () => {
    const months = monthSpine('2024-01', '2025-12');
    const rows: MonthlyCount[] = [];
    months.forEach((month, i) => {
      rows.push({ month, key: 'A', n: i === 23 ? 30 : 10, n_in_area: 0 });
      rows.push({ month, key: 'B', n: i === 23 ? 6 : 1, n_in_area: 0 });
      rows.push({ month, key: 'C', n: 10, n_in_area: 0 });
    });
    // A: mean 260/24 = 10.83, mR̄ 20/23 = 0.87, upper limit 13.15: 30 is beyond it.
    // B averages 1.2 a month: too small. C never moves.
    const items = attentionItems(rows, 'Ward', '2025-12', '2019-01', (k) => `Ward ${k}`);
    expect(items.map((i) => [i.label, i.value, i.judgement.words])).toEqual([['Ward A', 30, 'unusually high: above the upper limit']]);
  });
});
