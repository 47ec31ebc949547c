import { useState, memo } from 'react';
import { RESIDENTS_LABEL, type Residents } from '@/data/residents';
import { ResidentsPicker } from '@/components/residents-picker';
import { Area, AreaChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MonthlyCount, Population } from '@/data/aggregates';
import { SOURCE_LABELS, type SourceId } from '@/data/ingest/contracts';
import { ChartPanel } from '@/components/chart-panel';
import { Legend, tableTooltip } from '@/components/legend';
import { chartRows, type AggColumn, type AggTable } from '@/lib/aggregate-table';
import { formatCount, formatMonth, formatRate } from '@/lib/format';
import { SOURCE_COLOURS } from '@/lib/palette';
import { per1000, pivotMonthly, type MonthRange } from './series';
import { MONTH_CHART_MARGIN, monthTickInterval } from '@/lib/months';

interface Props {
  counts: readonly MonthlyCount[];
  /** the counts a rate divides: of every record, or of those of the residents' ages */
  rateCounts: readonly MonthlyCount[];
  range: MonthRange;
  sources: readonly SourceId[];
  /** the residents a rate divides by: their number, and which they are */
  population: Population;
  residents: Residents;
  /** the residents chosen, shown in the picker (the figures follow once computed) */
  chosen: Residents;
  onResidents: (residents: Residents) => void;
  publish: boolean;
}

/**
 * The monthly table: counts per source, a total, and rates per 1,000 when asked for: the in-area
 * records of `rateCounts` (every record, or those of the residents' ages) over the population.
 */
export function monthlyTable(
  counts: readonly MonthlyCount[],
  range: MonthRange,
  sources: readonly SourceId[],
  population: Population,
  rates: boolean,
  rateCounts: readonly MonthlyCount[] = counts,
): AggTable {
  const n = pivotMonthly(counts, range, sources);
  const inArea = pivotMonthly(rateCounts, range, sources, 'n_in_area');
  const columns: AggColumn[] = [{ key: 'month', label: 'Month', kind: 'label' }];
  for (const s of sources) {
    columns.push({ key: s, label: SOURCE_LABELS[s], kind: 'count' });
    if (rates) columns.push({ key: `${s}_rate`, label: `${SOURCE_LABELS[s]} per 1,000`, kind: 'value', basedOn: [`${s}_in`], format: formatRate });
  }
  if (rates) for (const s of sources) columns.push({ key: `${s}_in`, label: `${SOURCE_LABELS[s]} in area`, kind: 'count' });
  columns.push({ key: 'total', label: 'All sources', kind: 'total' });
  const rows = n.map((row, i) => {
    const out: Record<string, string | number | null> = { month: formatMonth(String(row.month)), iso: String(row.month) };
    let total = 0;
    for (const s of sources) {
      const v = Number(row[s]);
      out[s] = v;
      total += v;
      if (rates) {
        const inside = Number(inArea[i]![s]);
        out[`${s}_in`] = inside;
        out[`${s}_rate`] = per1000(inside, population.population);
      }
    }
    out.total = total;
    return out;
  });
  return { columns, rows, totals: { rows: true, columns: false } };
}

function MonthlyChartView({ counts, rateCounts, range, sources, population, residents, chosen, onResidents, publish }: Props) {
  const [rates, setRates] = useState(false);
  const [stacked, setStacked] = useState(false);
  const table = monthlyTable(counts, range, sources, population, rates, rateCounts);
  const data = chartRows(table, publish);
  const key = (s: SourceId) => (rates ? `${s}_rate` : s);
  const fmt = rates ? formatRate : formatCount;
  const Chart = stacked && !rates ? AreaChart : LineChart;
  return (
    <ChartPanel
      title={rates ? `Monthly rate per 1,000 residents${residents === 'all' ? '' : ` ${RESIDENTS_LABEL[residents]}`}, by source` : 'Monthly records by source'}
      slug="monthly-by-source"
      table={table}
      legend={sources.map((s) => ({ label: SOURCE_LABELS[s], color: SOURCE_COLOURS[s] ?? '#000' }))}
      note={
        rates
          ? `Denominator: ${population.label}, ${formatCount(population.population)}. ${residents === 'all' ? '' : `Only records of people ${RESIDENTS_LABEL[residents]} count; records with no age are left out. `}Records placed outside the partnership’s area are left out of rates.`
          : undefined
      }
      description={
        <div className="segmented" role="group" aria-label="Monthly chart options">
          <button type="button" aria-pressed={!rates} onClick={() => setRates(false)}>Counts</button>
          <button type="button" aria-pressed={rates} onClick={() => setRates(true)}>Rate per 1,000</button>
          <button type="button" aria-pressed={!stacked || rates} onClick={() => setStacked(false)}>Lines</button>
          <button type="button" aria-pressed={stacked && !rates} disabled={rates} onClick={() => setStacked(true)} title={rates ? 'Rates are not added up' : undefined}>Stacked</button>
          {rates && <ResidentsPicker label="per 1,000 residents" value={chosen} onChange={onResidents} />}
        </div>
      }
    >
      <ResponsiveContainer width="100%" height={300}>
        <Chart data={data} margin={MONTH_CHART_MARGIN}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="month" interval={monthTickInterval(data.length, 10)} tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={(v: number) => fmt(v)} tick={{ fontSize: 12 }} width={56} />
          <Tooltip formatter={tableTooltip(fmt)} />
          {sources.map((s) =>
            stacked && !rates ? (
              <Area key={s} type="linear" dataKey={key(s)} name={SOURCE_LABELS[s]} stackId="1" stroke={SOURCE_COLOURS[s]} fill={SOURCE_COLOURS[s]} fillOpacity={0.35} isAnimationActive={false} />
            ) : (
              <Line key={s} type="linear" dataKey={key(s)} name={SOURCE_LABELS[s]} stroke={SOURCE_COLOURS[s]} dot={false} strokeWidth={2} isAnimationActive={false} connectNulls={false} />
            ),
          )}
        </Chart>
      </ResponsiveContainer>
      <Legend items={sources.map((s) => ({ label: SOURCE_LABELS[s], color: SOURCE_COLOURS[s] ?? '#000' }))} />
    </ChartPanel>
  );
}

/** Redraws only when its numbers change, not on every render of the page. */
export const MonthlyChart = memo(MonthlyChartView);
