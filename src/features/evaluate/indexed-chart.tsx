import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartPanel } from '@/components/chart-panel';
import { Legend, tableTooltip } from '@/components/legend';
import { chartRows, type AggTable, type CellValue } from '@/lib/aggregate-table';
import { formatMonth } from '@/lib/format';
import { MONTH_CHART_MARGIN, monthTickInterval } from '@/lib/months';
import { ROLE_COLOURS } from './pick-map';

interface Props {
  table: AggTable;
  start: string;
  publish: boolean;
}

/** Monthly records in both groups, each indexed to its before-period mean, with the start marked. */
function IndexedChartView({ table, start, publish }: Props) {
  const data: Record<string, CellValue>[] = chartRows(table, publish).map((r) => ({ ...r, label: formatMonth(String(r.month)) }));
  const before = data.filter((r) => r.period === 'before');
  const after = data.filter((r) => r.period === 'after');
  const legend = [
    { label: 'Intervention areas', color: ROLE_COLOURS.intervention },
    { label: 'Comparison areas', color: ROLE_COLOURS.comparison },
  ];
  return (
    <ChartPanel
      title="Monthly records, indexed: before-period mean = 100"
      slug="evaluation-indexed"
      table={table}
      legend={legend}
      description={<p className="muted small">Each line is its own monthly records divided by its mean over the before period, times 100, so both start level at 100 and a gap after the start is the change beyond the comparison areas’. The shaded months are the after period.</p>}
    >
      <ResponsiveContainer width="100%" height={300}>
        <LineChart data={data} margin={MONTH_CHART_MARGIN}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          {before.length > 0 && <ReferenceArea x1={String(before[0]!.label)} x2={String(before.at(-1)!.label)} fill="#f3f4f6" fillOpacity={0.6} label={{ value: 'Before', position: 'insideTopLeft', fontSize: 12 }} />}
          {after.length > 0 && <ReferenceArea x1={String(after[0]!.label)} x2={String(after.at(-1)!.label)} fill="#ede9fe" fillOpacity={0.7} label={{ value: `After: from ${formatMonth(start)}`, position: 'insideTopLeft', fontSize: 12 }} />}
          <ReferenceLine y={100} stroke="#9ca3af" strokeDasharray="4 3" />
          {after.length > 0 && <ReferenceLine x={formatMonth(start)} stroke="#1c2430" strokeWidth={1.5} />}
          <XAxis dataKey="label" interval={monthTickInterval(data.length, 10)} tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} width={48} />
          <Tooltip formatter={tableTooltip((n) => n.toFixed(0))} />
          <Line type="linear" dataKey="intervention_index" name="Intervention areas" stroke={ROLE_COLOURS.intervention} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
          <Line type="linear" dataKey="comparison_index" name="Comparison areas" stroke={ROLE_COLOURS.comparison} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
      <Legend items={legend} />
    </ChartPanel>
  );
}

export const IndexedChart = memo(IndexedChartView);
