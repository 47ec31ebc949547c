import type { MonthlyCount } from '@/data/aggregates';
import { POPULATION_GROUPS, type PopulationGroup } from '@/data/denominators';
import type { AggColumn, AggTable } from '@/lib/aggregate-table';
import { formatMonth, formatRatio } from '@/lib/format';
import { monthSpine } from '@/lib/months';
import { relativeRateIndex } from '@/lib/rri';

export const COMPARED = POPULATION_GROUPS.filter((g) => g !== 'White');

/** RRIs on rolling 12-month windows: one row per window end from the 12th month of the range. */
export function rollingRriTable(rows: readonly MonthlyCount[], from: string, to: string, populations: Record<PopulationGroup, number>): AggTable {
  const months = monthSpine(from, to);
  const byKey = new Map<string, number[]>();
  for (const g of POPULATION_GROUPS) byKey.set(g, months.map(() => 0));
  for (const r of rows) {
    const i = months.indexOf(r.month);
    const series = byKey.get(r.key);
    if (i >= 0 && series) series[i] = r.n_in_area;
  }
  const windowSum = (g: string, end: number) => byKey.get(g)!.slice(end - 11, end + 1).reduce((a, b) => a + b, 0);
  const columns: AggColumn[] = [
    { key: 'month', label: '12 months to', kind: 'label' },
    ...COMPARED.map((g): AggColumn => ({ key: g, label: `${g} RRI`, kind: 'value', basedOn: [`${g}_n`, 'White_n'], format: formatRatio })),
    ...POPULATION_GROUPS.map((g): AggColumn => ({ key: `${g}_n`, label: `${g} records`, kind: 'total' })),
  ];
  const out: Record<string, string | number | null>[] = [];
  for (let end = 11; end < months.length; end++) {
    const row: Record<string, string | number | null> = { month: formatMonth(months[end]!) };
    const white = windowSum('White', end);
    for (const g of POPULATION_GROUPS) row[`${g}_n`] = windowSum(g, end);
    for (const g of COMPARED) row[g] = relativeRateIndex(windowSum(g, end), populations[g], white, populations.White)?.rri ?? null;
    out.push(row);
  }
  return { columns, rows: out };
}
