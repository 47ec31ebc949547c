import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MonthlyCount } from '@/data/aggregates';
import { ChartPanel } from '@/components/chart-panel';
import { Legend, tableTooltip } from '@/components/legend';
import { chartRows, type AggTable } from '@/lib/aggregate-table';
import { formatCount } from '@/lib/format';
import { yearOnYear, type MonthRange } from './series';

const THIS = '#0072B2';
const LAST = '#9ca3af';

export function yearOnYearTable(counts: readonly MonthlyCount[], range: MonthRange, firstMonth: string): { table: AggTable; year: number } {
  const totals = new Map<string, number>();
  for (const r of counts) totals.set(r.month, (totals.get(r.month) ?? 0) + r.n);
  const year = Number(range.to.slice(0, 4));
  const rows = yearOnYear(totals, year, firstMonth > range.from ? firstMonth : range.from, range.to).map((r) => ({ ...r, change: r.thisYear !== null && r.lastYear !== null ? r.thisYear - r.lastYear : null }));
  return {
    year,
    table: {
      columns: [
        { key: 'month', label: 'Month', kind: 'label' },
        { key: 'lastYear', label: String(year - 1), kind: 'count' },
        { key: 'thisYear', label: String(year), kind: 'count' },
        { key: 'change', label: 'Change', kind: 'value', basedOn: ['lastYear', 'thisYear'], format: (n) => (n > 0 ? `+${formatCount(n)}` : formatCount(n)) },
      ],
      rows,
    },
  };
}

function YearOnYearChartView({ counts, range, firstMonth, publish }: { counts: readonly MonthlyCount[]; range: MonthRange; firstMonth: string; publish: boolean }) {
  const { table, year } = yearOnYearTable(counts, range, firstMonth);
  const data = chartRows(table, publish);
  const legend = [
    { label: String(year - 1), color: LAST },
    { label: String(year), color: THIS },
  ];
  return (
    <ChartPanel title={`${year} against ${year - 1}, month by month`} slug="year-on-year" table={table} legend={legend} description="All records matching the filters, every source together.">
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="month" interval={0} tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={formatCount} tick={{ fontSize: 12 }} width={56} />
          <Tooltip formatter={tableTooltip(formatCount)} />
          <Bar dataKey="lastYear" name={String(year - 1)} fill={LAST} isAnimationActive={false} />
          <Bar dataKey="thisYear" name={String(year)} fill={THIS} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <Legend items={legend} />
    </ChartPanel>
  );
}

/** Redraws only when its numbers change, not on every render of the page. */
export const YearOnYearChart = memo(YearOnYearChartView);
