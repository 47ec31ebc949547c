import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MonthlyCount } from '@/data/aggregates';
import { SOURCE_LABELS, type SourceId } from '@/data/ingest/contracts';
import { ChartPanel } from '@/components/chart-panel';
import { Legend, tableTooltip } from '@/components/legend';
import { chartRows, type AggColumn, type AggTable } from '@/lib/aggregate-table';
import { formatCount, formatMonth } from '@/lib/format';
import { SOURCE_COLOURS } from '@/lib/palette';
import { pivotMonthly, rolling12, type MonthRange } from './series';
import { MONTH_CHART_MARGIN, monthTickInterval } from '@/lib/months';

/** Rolling 12-month totals per source; the first 11 months of the range have no full year behind them. */
export function rollingTable(counts: readonly MonthlyCount[], range: MonthRange, sources: readonly SourceId[]): AggTable {
  // months before the range were not counted (they may be filtered out), so the first 11 have no full year
  const wide = pivotMonthly(counts, range, sources);
  const sums = Object.fromEntries(sources.map((s) => [s, rolling12(wide.map((r) => Number(r[s])))]));
  const columns: AggColumn[] = [{ key: 'month', label: '12 months to', kind: 'label' }, ...sources.map((s): AggColumn => ({ key: s, label: SOURCE_LABELS[s], kind: 'total' }))];
  const rows = wide.slice(11).map((r, i) => ({ month: formatMonth(String(r.month)), ...Object.fromEntries(sources.map((s) => [s, sums[s]![i + 11] ?? null])) }));
  return { columns, rows };
}

function RollingChartView({ counts, range, sources, publish }: { counts: readonly MonthlyCount[]; range: MonthRange; sources: readonly SourceId[]; publish: boolean }) {
  const table = rollingTable(counts, range, sources);
  const data = chartRows(table, publish);
  const legend = sources.map((s) => ({ label: SOURCE_LABELS[s], color: SOURCE_COLOURS[s] ?? '#000' }));
  return (
    <ChartPanel title="Rolling 12-month totals" slug="rolling-12-months" table={table} legend={legend} description="Each point is the total of that month and the 11 before it: seasonal swings cancel out, so the line shows the underlying direction.">
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={MONTH_CHART_MARGIN}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="month" interval={monthTickInterval(data.length, 6)} tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={formatCount} tick={{ fontSize: 12 }} width={56} />
          <Tooltip formatter={tableTooltip(formatCount)} />
          {sources.map((s) => (
            <Line key={s} type="linear" dataKey={s} name={SOURCE_LABELS[s]} stroke={SOURCE_COLOURS[s]} dot={false} strokeWidth={2} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <Legend items={legend} />
    </ChartPanel>
  );
}

/** Redraws only when its numbers change, not on every render of the page. */
export const RollingChart = memo(RollingChartView);
