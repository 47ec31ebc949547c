import { useId, memo } from 'react';
import { CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MonthlyCount } from '@/data/aggregates';
import { ChartPanel } from '@/components/chart-panel';
import { Legend, tableTooltip } from '@/components/legend';
import { chartRows, type AggTable } from '@/lib/aggregate-table';
import { formatCount, formatMonth, formatShare } from '@/lib/format';
import { addMonths, monthSpine, MONTH_CHART_MARGIN, monthTickInterval } from '@/lib/months';
import { displayCount, displayDerived } from '@/lib/suppression';
import { useAfterPaint } from '@/lib/use-after-paint';
import { knifeTarget, sumMonths, type KnifeTarget } from './knife-target';
import { totalsByMonth } from './headline';

const ACTUAL = '#D55E00';
const PATH = '#0072B2';
const CHART_HEIGHT = 260;

export function knifeTable(totals: ReadonlyMap<string, number>, t: KnifeTarget, month: string, firstMonth: string): AggTable {
  const months = monthSpine(`${t.baselineYear}-12`, `${t.targetYear}-12`);
  const span = months.length - 1;
  return {
    columns: [
      { key: 'month', label: '12 months to', kind: 'label' },
      { key: 'actual', label: 'Knife-involved records', kind: 'total' },
      { key: 'path', label: 'Straight-line path to the target', kind: 'value', format: (n) => formatCount(Math.round(n)) },
    ],
    rows: months.map((m, i) => {
      const startOfYear = addMonths(m, -11);
      return {
        month: formatMonth(m),
        actual: m <= month && startOfYear >= firstMonth ? sumMonths(totals, startOfYear, m) : null,
        path: span > 0 ? t.baseline - (t.baseline - t.target) * (i / span) : t.target,
      };
    }),
  };
}

interface Props {
  rows: readonly MonthlyCount[];
  month: string;
  firstMonth: string;
  baselineYear: number;
  targetYear: number;
  years: readonly number[];
  onChange: (baselineYear: number, targetYear: number) => void;
  publish: boolean;
}

function KnifeTargetPanelView({ rows, month, firstMonth, baselineYear, targetYear, years, onChange, publish }: Props) {
  const ids = { base: useId(), target: useId() };
  const drawn = useAfterPaint();
  const totals = totalsByMonth(rows);
  const t = knifeTarget(totals, baselineYear, targetYear, month);
  const table = knifeTable(totals, t, month, firstMonth);
  const data = chartRows(table, publish);
  const legend = [
    { label: 'Knife-involved records, rolling 12 months', color: ACTUAL },
    { label: 'Straight-line path to half the baseline', color: PATH },
  ];
  const fullBaseline = `${baselineYear}-01` >= firstMonth && `${baselineYear}-12` <= month;
  return (
    <ChartPanel
      title="Halving knife-involved violence"
      slug="knife-target"
      table={table}
      legend={legend}
      description={
        <div className="target-controls">
          <label htmlFor={ids.base}>Baseline year</label>
          <select id={ids.base} value={baselineYear} onChange={(e) => onChange(Number(e.target.value), Math.max(targetYear, Number(e.target.value) + 1))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          <label htmlFor={ids.target}>Target year</label>
          <select id={ids.target} value={targetYear} onChange={(e) => onChange(baselineYear, Number(e.target.value))}>
            {Array.from({ length: 15 }, (_, i) => baselineYear + 1 + i).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          <span className="muted small">Defaults: the first full year of data, and ten years on (the national aim is to halve knife crime within a decade).</span>
        </div>
      }
    >
      {!fullBaseline && <p className="warn-text">The data do not cover all of {baselineYear} (within the filters), so the baseline is incomplete.</p>}
      <p className="target-words" data-testid="knife-target-words">
        Baseline {baselineYear}: <strong>{displayCount(t.baseline, publish, formatCount)}</strong> knife-involved records; the target is{' '}
        <strong>{displayDerived(t.target, [t.baseline], publish, (n) => formatCount(Math.round(n)))}</strong> a year by the end of {targetYear}. The 12 months to {formatMonth(month)}:{' '}
        <strong>{displayCount(t.current, publish, formatCount)}</strong>
        {t.reduction !== null && <> ({displayDerived(Math.abs(t.reduction), [t.current, t.baseline], publish, formatShare)} {t.reduction >= 0 ? 'lower' : 'higher'} than the baseline)</>}.{' '}
        {t.baseline > 0 && (
          <>
            The straight-line path stands at {displayDerived(t.onTrajectory, [t.baseline], publish, (n) => formatCount(Math.round(n)))}:{' '}
            <strong className={t.onTrack ? 'tone-improvement' : 'tone-concern'}>{t.onTrack ? 'on track' : 'not on track'}</strong>.{' '}
            {t.neededPerYear !== null && t.neededPerYear > 0 && <>To reach the target, the yearly total must fall by about {displayDerived(t.neededPerYear, [t.current, t.baseline], publish, (n) => formatCount(Math.round(n)))} a year from here.</>}
          </>
        )}
      </p>
      {/* the chart is drawn in the task after its figures show; its place is kept meanwhile */}
      {!drawn ? (
        <div style={{ height: CHART_HEIGHT }} aria-hidden="true" />
      ) : (
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <ComposedChart data={data} margin={MONTH_CHART_MARGIN}>
            <CartesianGrid stroke="#e5e7eb" vertical={false} />
            <XAxis dataKey="month" interval={monthTickInterval(data.length, 10)} tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={formatCount} tick={{ fontSize: 12 }} width={56} domain={[0, 'auto']} />
            <Tooltip formatter={tableTooltip(formatCount)} />
            <ReferenceLine y={t.target} stroke={PATH} strokeDasharray="2 3" />
            <Line type="linear" dataKey="path" name="Path to target" stroke={PATH} strokeDasharray="6 4" dot={false} isAnimationActive={false} />
            <Line type="linear" dataKey="actual" name="Knife-involved, 12 months" stroke={ACTUAL} strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      )}
      <Legend items={legend} />
    </ChartPanel>
  );
}

// Redrawn only when their own figures change, not on every render of the page.
export const KnifeTargetPanel = memo(KnifeTargetPanelView);
