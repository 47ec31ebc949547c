import { memo } from 'react';
import { CartesianGrid, ComposedChart, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartPanel } from '@/components/chart-panel';
import { Legend } from '@/components/legend';
import { chartRows, type AggTable } from '@/lib/aggregate-table';
import { formatCount, formatRate } from '@/lib/format';
import { funnelLines, funnelPlace, type FunnelPlace } from '@/lib/funnel';
import { isSmall } from '@/lib/suppression';
import type { AreaCounts } from './area-figures';

const PLACE_COLOURS: Record<FunnelPlace, string> = {
  'above 99.8%': '#b2182b',
  'above 95%': '#ef8a62',
  within: '#6b7280',
  'below 95%': '#67a9cf',
  'below 99.8%': '#2166ac',
};

/** Where an area falls, in words, against the partnership's area (`whole`: "Leeds", "West Yorkshire"). */
function placeWords(place: FunnelPlace, whole: string): string {
  switch (place) {
    case 'above 99.8%':
      return `Higher than ${whole}, beyond the 99.8% limit`;
    case 'above 95%':
      return `Higher than ${whole}, beyond the 95% limit`;
    case 'within':
      return `Within the limits: no different from ${whole} beyond chance`;
    case 'below 95%':
      return `Lower than ${whole}, beyond the 95% limit`;
    case 'below 99.8%':
      return `Lower than ${whole}, beyond the 99.8% limit`;
  }
}

export interface Funnel {
  /** the partnership's area, by name */
  whole: string;
  /** its rate per 1,000 over the areas of the level */
  rate: number;
  table: AggTable;
}

/** Each area against the partnership area's rate (`whole` names it): its expected count and where it falls against the limits. */
export function funnelOf(areas: readonly AreaCounts[], levelLabel: string, publish: boolean, whole: string, ages = 'all ages'): Funnel | null {
  const placed = areas.filter((a) => a.population > 0);
  const population = placed.reduce((s, a) => s + a.population, 0);
  const records = placed.reduce((s, a) => s + a.n, 0);
  if (population === 0) return null;
  const rate = (records / population) * 1000;
  const rows = placed
    .map((a) => {
      const expected = (rate * a.population) / 1000;
      // in publishing mode an area with 1 to 4 records is not placed: where it falls rests on its count
      const place = publish && isSmall(a.n) ? 'Not shown: fewer than 5 records' : placeWords(funnelPlace(a.n, expected), whole);
      return { area: a.name, code: a.code, population: a.population, n: a.n, rate: (a.n / a.population) * 1000, expected, place };
    })
    .sort((x, y) => x.population - y.population);
  return {
    whole,
    rate,
    table: {
      columns: [
        { key: 'area', label: levelLabel, kind: 'label' },
        { key: 'code', label: 'Code', kind: 'label' },
        { key: 'population', label: `Residents ${ages} (Census 2021)`, kind: 'value', format: formatCount },
        { key: 'n', label: 'Records', kind: 'count' },
        { key: 'rate', label: 'Per 1,000 residents', kind: 'value', basedOn: ['n'], format: formatRate },
        { key: 'expected', label: `Expected at the ${whole} rate`, kind: 'value', format: (v) => v.toFixed(1) },
        { key: 'place', label: 'Against the limits', kind: 'label' },
      ],
      rows,
    },
  };
}

/** Round numbers of residents between `from` and `to` for a log axis: 1, 1.5, 2, 3, 5 and 7 times a power of ten. */
export function logTicks(from: number, to: number): number[] {
  const out: number[] = [];
  if (!(from > 0 && to >= from)) return out;
  for (let p = Math.floor(Math.log10(from)); Math.pow(10, p) <= to; p++)
    for (const m of [1, 1.5, 2, 3, 5, 7]) {
      const v = m * Math.pow(10, p);
      if (v >= from && v <= to) out.push(v);
    }
  return out;
}

/** Whether a row's words put it beyond a limit, and which way (for its colour). */
function placeOf(words: string, whole: string): FunnelPlace {
  return (Object.keys(PLACE_COLOURS) as FunnelPlace[]).find((k) => placeWords(k, whole) === words) ?? 'within';
}

function FunnelPanelView({ funnel, levelPlural, publish }: { funnel: Funnel; levelPlural: string; publish: boolean }) {
  const rows = chartRows(funnel.table, publish);
  const pops = funnel.table.rows.map((r) => Number(r.population));
  const [from, to] = [Math.min(...pops) * 0.9, Math.max(...pops) * 1.1];
  const lines = funnelLines(funnel.rate, from, to);
  const groups = (Object.keys(PLACE_COLOURS) as FunnelPlace[]).map((p) => ({
    place: p,
    points: rows.filter((r) => r.rate !== null && placeOf(String(r.place), funnel.whole) === p).map((r) => ({ population: Number(r.population), rate: Number(r.rate), area: String(r.area) })),
  }));
  const beyond = funnel.table.rows.filter((r) => String(r.place).includes('99.8%') && String(r.place).startsWith('Higher'));
  const legend = [
    { label: `${funnel.whole} rate (${formatRate(funnel.rate)} per 1,000)`, color: '#111827' },
    { label: '95% limits', color: '#9ca3af', dashed: true },
    { label: '99.8% limits', color: '#4b5563', dashed: true },
    ...groups.filter((g) => g.points.length > 0).map((g) => ({ label: placeWords(g.place, funnel.whole), color: PLACE_COLOURS[g.place] })),
  ];
  return (
    <ChartPanel
      title={`Comparing ${levelPlural} fairly: rate against residents (funnel plot)`}
      slug={`funnel-${levelPlural.toLowerCase()}`}
      table={funnel.table}
      legend={legend}
      note={`Exact Poisson limits around the ${funnel.whole} rate`}
      description={
        <p className="muted small">
          Each dot is an area: its rate per 1,000 residents against how many residents it has. A small area’s rate swings widely by chance, so the limits widen
          as areas get smaller: a dot outside the 99.8% limits is very unlikely to be chance alone (about 1 in 500 areas would be), one between the 95% and 99.8% limits
          worth a look. {beyond.length > 0 ? `Beyond the upper 99.8% limit: ${beyond.map((r) => String(r.area)).join(', ')}.` : 'No area is beyond the upper 99.8% limit.'}
        </p>
      }
    >
      <ResponsiveContainer width="100%" height={320}>
        <ComposedChart margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
          <CartesianGrid stroke="#e5e7eb" />
          <XAxis
            type="number"
            dataKey="population"
            scale="log"
            domain={[from, to]}
            ticks={logTicks(from, to)}
            allowDataOverflow
            tickFormatter={(v: number) => formatCount(v)}
            tick={{ fontSize: 12 }}
            label={{ value: 'Residents (log scale)', position: 'insideBottom', offset: -14, fontSize: 12 }}
          />
          <YAxis type="number" tick={{ fontSize: 12 }} width={52} label={{ value: 'Per 1,000', angle: -90, position: 'insideLeft', fontSize: 12 }} />
          <Tooltip
            formatter={(value: unknown, name: unknown) => [typeof value === 'number' ? (String(name).startsWith('Residents') ? formatCount(value) : formatRate(value)) : String(value), String(name)]}
            labelFormatter={() => ''}
          />
          <Line data={lines} dataKey={() => funnel.rate} name={`${funnel.whole} rate`} stroke="#111827" dot={false} isAnimationActive={false} />
          <Line data={lines} dataKey="upper95" name="95% upper limit" stroke="#9ca3af" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
          <Line data={lines} dataKey="lower95" name="95% lower limit" stroke="#9ca3af" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
          <Line data={lines} dataKey="upper998" name="99.8% upper limit" stroke="#4b5563" strokeDasharray="6 3" dot={false} isAnimationActive={false} />
          <Line data={lines} dataKey="lower998" name="99.8% lower limit" stroke="#4b5563" strokeDasharray="6 3" dot={false} isAnimationActive={false} />
          {groups.map((g) => (
            <Scatter key={g.place} data={g.points} dataKey="rate" name={placeWords(g.place, funnel.whole)} fill={PLACE_COLOURS[g.place]} isAnimationActive={false} />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
      <Legend items={legend} />
    </ChartPanel>
  );
}

export const FunnelPanel = memo(FunnelPanelView);
