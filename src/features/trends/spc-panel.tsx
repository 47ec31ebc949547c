import { useId, useState, memo } from 'react';
import { CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MonthlyCount } from '@/data/aggregates';
import { SOURCE_LABELS, type SourceId } from '@/data/ingest/contracts';
import { ChartPanel } from '@/components/chart-panel';
import { Legend, tableTooltip } from '@/components/legend';
import { chartRows, type AggTable } from '@/lib/aggregate-table';
import { formatCount, formatMonth, formatRate } from '@/lib/format';
import { SPC_COLOURS } from '@/lib/palette';
import { describeSpan, judgeLatest, RULE_WORDS, signalSpans, spc, type SpcResult } from '@/lib/spc';
import { pivotMonthly, type MonthRange } from './series';
import { MONTH_CHART_MARGIN, monthTickInterval } from '@/lib/months';

export function spcTable(months: readonly string[], result: SpcResult): AggTable {
  return {
    columns: [
      { key: 'month', label: 'Month', kind: 'label' },
      { key: 'value', label: 'Records', kind: 'count' },
      { key: 'mean', label: 'Mean', kind: 'value', format: formatRate },
      { key: 'lower', label: 'Lower limit', kind: 'value', format: formatRate },
      { key: 'upper', label: 'Upper limit', kind: 'value', format: formatRate },
      { key: 'signal', label: 'Special cause', kind: 'label' },
    ],
    rows: result.points.map((p, i) => ({
      month: formatMonth(months[i]!),
      value: p.value,
      mean: result.mean,
      lower: Math.max(0, result.lower),
      upper: result.upper,
      signal: p.signals.map((s) => `${p.direction === 'up' ? 'high' : 'low'}: ${RULE_WORDS[s]}`).join('; '),
    })),
  };
}

function Dot(props: { cx?: number; cy?: number; payload?: Record<string, unknown> }) {
  const { cx, cy, payload } = props;
  if (cx === undefined || cy === undefined || payload?.value === null) return null;
  const tone = payload?.tone as keyof typeof SPC_COLOURS | undefined;
  return <circle cx={cx} cy={cy} r={tone === 'normal' ? 2.5 : 4} fill={SPC_COLOURS[tone ?? 'normal']} stroke="none" />;
}

function SpcPanelView({ counts, range, sources, publish }: { counts: readonly MonthlyCount[]; range: MonthRange; sources: readonly SourceId[]; publish: boolean }) {
  const [series, setSeries] = useState<'all' | SourceId>('all');
  const selectId = useId();
  const chosen = series === 'all' || sources.includes(series) ? series : 'all';
  const pivot = pivotMonthly(counts, range, sources);
  const months = pivot.map((r) => String(r.month));
  const values = pivot.map((r) => (chosen === 'all' ? sources.reduce((a, s) => a + Number(r[s]), 0) : Number(r[chosen])));
  const result = spc(values);
  const table = spcTable(months, result);
  const data = chartRows(table, publish).map((row, i) => {
    const p = result.points[i]!;
    return { ...row, tone: p.signals.length === 0 ? 'normal' : p.direction === 'up' ? 'concern' : 'improvement' };
  });
  const judgement = judgeLatest(result);
  const spans = signalSpans(result);
  const label = chosen === 'all' ? 'All sources' : SOURCE_LABELS[chosen];
  const legend = [
    { label: 'Higher than usual (special cause)', color: SPC_COLOURS.concern },
    { label: 'Lower than usual (special cause)', color: SPC_COLOURS.improvement },
    { label: 'Common cause', color: SPC_COLOURS.normal },
    { label: 'Mean and process limits', color: SPC_COLOURS.limit },
  ];
  return (
    <ChartPanel
      title={`Statistical process control: ${label}`}
      slug="spc"
      table={table}
      legend={legend}
      description={
        <>
          <label htmlFor={selectId}>Series </label>
          <select id={selectId} value={chosen} onChange={(e) => setSeries(e.target.value as 'all' | SourceId)}>
            <option value="all">All sources</option>
            {sources.map((s) => (
              <option key={s} value={s}>
                {SOURCE_LABELS[s]}
              </option>
            ))}
          </select>{' '}
          Mean {formatRate(result.mean)} a month; natural process limits {formatRate(Math.max(0, result.lower))} to {formatRate(result.upper)} (mean ± 2.66 × the mean moving range of {formatRate(result.meanMovingRange)}).
        </>
      }
    >
      {values.length < 12 && <p className="warn-text">Only {values.length} months: limits from fewer than 12 points are a rough guide.</p>}
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart data={data} margin={MONTH_CHART_MARGIN}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="month" interval={monthTickInterval(data.length, 10)} tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={formatCount} tick={{ fontSize: 12 }} width={56} />
          <Tooltip formatter={tableTooltip(formatCount)} />
          <ReferenceLine y={result.mean} stroke={SPC_COLOURS.mean} />
          <ReferenceLine y={result.upper} stroke={SPC_COLOURS.limit} strokeDasharray="6 4" />
          {result.lower > 0 && <ReferenceLine y={result.lower} stroke={SPC_COLOURS.limit} strokeDasharray="6 4" />}
          <Line type="linear" dataKey="value" name="Records" stroke="#9ca3af" strokeWidth={1.5} dot={<Dot />} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <Legend items={legend} />
      <div className="spc-words">
        <p>
          <strong>{formatMonth(months[months.length - 1] ?? '')}:</strong> <span className={`tone-${judgement.tone}`}>{judgement.words}</span>.
        </p>
        {spans.length === 0 ? (
          <p>No special-cause variation in this range: the changes month to month are what this series normally does.</p>
        ) : (
          <details>
            <summary>
              {spans.length} special-cause {spans.length === 1 ? 'signal' : 'signals'} in this range (orange: higher than usual; blue: lower)
            </summary>
            <ul>
              {spans.map((s) => (
                <li key={`${s.rule}-${s.from}`}>
                  {formatMonth(months[s.from]!)}
                  {s.to > s.from ? ` – ${formatMonth(months[s.to]!)}` : ''}: {describeSpan(s)}
                </li>
              ))}
            </ul>
          </details>
        )}
        <p className="muted small">
          Rules: {Object.values(RULE_WORDS).join('; ')}. Seasonal series (violence rises each summer) often show runs and trends; read them with the rolling totals below.
        </p>
      </div>
    </ChartPanel>
  );
}

/** Redraws only when its numbers change, not on every render of the page. */
export const SpcPanel = memo(SpcPanelView);
