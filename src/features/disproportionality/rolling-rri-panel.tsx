import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MonthlyCount } from '@/data/aggregates';
import type { PopulationGroup } from '@/data/denominators';
import { ChartPanel } from '@/components/chart-panel';
import { Legend, tableTooltip } from '@/components/legend';
import { chartRows } from '@/lib/aggregate-table';
import { formatRatio } from '@/lib/format';
import { CATEGORICAL } from '@/lib/palette';
import { COMPARED, rollingRriTable } from './rolling-rri';
import { MONTH_CHART_MARGIN, monthTickInterval } from '@/lib/months';

function RollingRriPanelView({ rows, from, to, populations, sourceLabel, publish }: { rows: readonly MonthlyCount[]; from: string; to: string; populations: Record<PopulationGroup, number>; sourceLabel: string; publish: boolean }) {
  const table = rollingRriTable(rows, from, to, populations);
  const data = chartRows(table, publish);
  const legend = COMPARED.map((g, i) => ({ label: g, color: CATEGORICAL[i]! }));
  return (
    <ChartPanel
      title={`Is the gap closing? RRI on rolling 12 months: ${sourceLabel}`}
      slug="rri-over-time"
      table={table}
      legend={legend}
      emptyText="Fewer than 12 months match the filters, so there is no 12-month window yet."
      description="Each point compares a group's rate with the White rate over the 12 months to that month. A line moving towards 1 means the gap is narrowing."
    >
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={MONTH_CHART_MARGIN}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="month" interval={monthTickInterval(data.length, 10)} tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={formatRatio} tick={{ fontSize: 12 }} width={48} domain={[0, 'auto']} />
          <Tooltip formatter={tableTooltip(formatRatio)} />
          <ReferenceLine y={1} stroke="#1c2430" />
          {COMPARED.map((g, i) => (
            <Line key={g} type="linear" dataKey={g} name={g} stroke={CATEGORICAL[i]} dot={false} strokeWidth={2} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <Legend items={legend} />
    </ChartPanel>
  );
}

// Redrawn only when their own figures change, not on every render of the page.
export const RollingRriPanel = memo(RollingRriPanelView);
