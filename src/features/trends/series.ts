import type { MonthlyCount } from '@/data/aggregates';
import { monthSpine } from '@/lib/months';

export interface MonthRange {
  from: string;
  to: string;
}

/**
 * The months a trend chart covers: the filter's range where set, else the loaded data's first
 * month to its latest complete month (a part month would look like a fall).
 */
export function trendRange(filters: { from: string | null; to: string | null }, span: { first: string | null; latestComplete: string | null }): MonthRange | null {
  const from = filters.from ?? span.first;
  let to = filters.to ?? span.latestComplete;
  if (to && span.latestComplete && to > span.latestComplete) to = span.latestComplete;
  if (!from || !to || from > to) return null;
  return { from, to };
}

/** Counts pivoted to one row per month of the range, one column per key, zero where none. */
export function pivotMonthly(rows: readonly MonthlyCount[], range: MonthRange, keys: readonly string[], field: 'n' | 'n_in_area' = 'n'): Record<string, number | string>[] {
  const byMonth = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!byMonth.has(r.month)) byMonth.set(r.month, new Map());
    byMonth.get(r.month)!.set(r.key, r[field]);
  }
  return monthSpine(range.from, range.to).map((month) => {
    const row: Record<string, number | string> = { month };
    for (const k of keys) row[k] = byMonth.get(month)?.get(k) ?? 0;
    return row;
  });
}

/** The sum of each month and the 11 before it; null until 12 months are available. */
export function rolling12(values: readonly number[]): (number | null)[] {
  let sum = 0;
  return values.map((v, i) => {
    sum += v;
    if (i >= 12) sum -= values[i - 12]!;
    return i >= 11 ? sum : null;
  });
}

/** Month by month, a year against the one before: rows Jan–Dec, null outside `firstMonth`–`lastMonth`. */
export function yearOnYear(totals: ReadonlyMap<string, number>, year: number, firstMonth: string, lastMonth: string): { month: string; thisYear: number | null; lastYear: number | null }[] {
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return names.map((name, i) => {
    const m = String(i + 1).padStart(2, '0');
    const thisMonth = `${year}-${m}`;
    const before = `${year - 1}-${m}`;
    return {
      month: name,
      thisYear: thisMonth >= firstMonth && thisMonth <= lastMonth ? (totals.get(thisMonth) ?? 0) : null,
      lastYear: before >= firstMonth && before <= lastMonth ? (totals.get(before) ?? 0) : null,
    };
  });
}

export function per1000(n: number, population: number): number | null {
  return population > 0 ? (n / population) * 1000 : null;
}
