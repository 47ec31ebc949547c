import type { AggTable } from '@/lib/aggregate-table';
import { formatChange, formatRate, formatShare } from '@/lib/format';
import { classOf, giStar, quantileBreaks, type GiStar, type HotspotClass } from '@/lib/hotspots';
import { isSmall } from '@/lib/suppression';

/** An area's figures under the filters (what the map needs). */
export interface AreaCounts {
  code: string;
  name: string;
  population: number;
  imd_decile: number | null;
  n: number;
  health_linkable: number;
  health_only: number;
}

/** Records in the 12 months to the window's end and the 12 before. */
export interface AreaWindow {
  code: string;
  last12: number;
  prev12: number;
}

/** An area's figures with its 12-month windows (what the ranking needs). */
export interface AreaStats extends AreaCounts {
  last12: number;
  prev12: number;
}

/** Each area's figures with its windows (none in a window counts 0). */
export function withWindows(counts: readonly AreaCounts[], windows: readonly AreaWindow[]): AreaStats[] {
  const byCode = new Map(windows.map((w) => [w.code, w]));
  return counts.map((a) => ({ ...a, last12: byCode.get(a.code)?.last12 ?? 0, prev12: byCode.get(a.code)?.prev12 ?? 0 }));
}

export const CHOROPLETH = ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'] as const;
export const NO_DATA = '#ffffff';
export const HIDDEN = '#d1d5db';
export const HOTSPOT_COLOURS: Record<HotspotClass, string> = {
  'hot-99': '#b2182b',
  'hot-95': '#ef8a62',
  'hot-90': '#fddbc7',
  none: '#f7f7f7',
  'cold-90': '#d1e5f0',
  'cold-95': '#67a9cf',
  'cold-99': '#2166ac',
};
export const HOTSPOT_LABELS: Record<HotspotClass, string> = {
  'hot-99': 'Hot spot, 99% confidence',
  'hot-95': 'Hot spot, 95%',
  'hot-90': 'Hot spot, 90%',
  none: 'Not significant',
  'cold-90': 'Cold spot, 90%',
  'cold-95': 'Cold spot, 95%',
  'cold-99': 'Cold spot, 99% confidence',
};

export type Measure = 'rate' | 'count';

export function rateOf(a: AreaCounts): number | null {
  return a.population > 0 ? (a.n / a.population) * 1000 : null;
}

export function valueOf(a: AreaCounts, measure: Measure): number | null {
  return measure === 'rate' ? rateOf(a) : a.n;
}

export interface Choropleth {
  breaks: number[];
  fill: Map<string, string>;
  /** legend entries, lowest first */
  legend: { label: string; color: string }[];
}

export type Classing = 'quantile' | 'equal';

/** Equal-interval breaks between the smallest and largest value. */
export function equalBreaks(values: readonly number[], k: number): number[] {
  if (values.length === 0) return [];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return hi > lo ? Array.from({ length: k - 1 }, (_, i) => lo + ((hi - lo) * (i + 1)) / k) : [];
}

/** Classes of the measure; in publishing mode an area with 1–4 records is grey, not coloured by its number. */
export function choropleth(stats: readonly AreaCounts[], measure: Measure, publish: boolean, format: (n: number) => string, classing: Classing = 'quantile'): Choropleth {
  const visible = stats.filter((a) => !(publish && isSmall(a.n)));
  const values = visible.map((a) => valueOf(a, measure)).filter((v): v is number => v !== null);
  const breaks = classing === 'quantile' ? quantileBreaks(values, CHOROPLETH.length) : equalBreaks(values, CHOROPLETH.length);
  const fill = new Map<string, string>();
  for (const a of stats) {
    const v = valueOf(a, measure);
    fill.set(a.code, publish && isSmall(a.n) ? HIDDEN : v === null ? NO_DATA : CHOROPLETH[Math.min(CHOROPLETH.length - 1, classOf(v, breaks))]!);
  }
  const edges = [Math.min(...values), ...breaks, Math.max(...values)];
  const legend: { label: string; color: string }[] = breaks.length + 1 <= CHOROPLETH.length && values.length > 0 ? edges.slice(0, -1).map((lo, i) => ({ label: `${format(lo)} to ${format(edges[i + 1]!)}`, color: CHOROPLETH[i]! })) : [];
  if (publish && visible.length < stats.length) legend.push({ label: 'Fewer than 5 records (hidden)', color: HIDDEN });
  return { breaks, fill, legend };
}

/** Gi* on the areas' rates (counts where there is no population). */
export function hotspots(stats: readonly AreaCounts[], neighbours: ReadonlyMap<string, ReadonlySet<string>>): Map<string, GiStar> {
  const values = new Map(stats.map((a) => [a.code, rateOf(a) ?? 0]));
  return new Map(giStar(values, neighbours).map((g) => [g.code, g]));
}

export function change12(a: AreaStats): number | null {
  return a.prev12 > 0 ? (a.last12 - a.prev12) / a.prev12 : null;
}

/** The ranking; `ages` names the residents rates are of ("all ages", "aged 0–15"). */
export function rankingTable(stats: readonly AreaStats[], levelLabel: string, spots: ReadonlyMap<string, GiStar> | null, ages = 'all ages'): AggTable {
  const sorted = [...stats].sort((a, b) => (rateOf(b) ?? -1) - (rateOf(a) ?? -1) || b.n - a.n);
  return {
    columns: [
      { key: 'name', label: levelLabel, kind: 'label' },
      { key: 'code', label: 'Code', kind: 'label' },
      { key: 'n', label: 'Records', kind: 'count' },
      { key: 'population', label: `Residents ${ages} (Census 2021)`, kind: 'label' },
      { key: 'rate', label: 'Rate per 1,000', kind: 'value', basedOn: ['n'], format: formatRate },
      { key: 'last12', label: 'Last 12 months', kind: 'count' },
      { key: 'prev12', label: '12 months before', kind: 'count' },
      { key: 'change', label: 'Change', kind: 'value', basedOn: ['last12', 'prev12'], format: formatChange },
      { key: 'healthOnly', label: 'Known only to health', kind: 'value', basedOn: ['health_only', 'health_linkable'], format: formatShare },
      { key: 'health_only', label: 'Health events, no police record', kind: 'count' },
      { key: 'health_linkable', label: 'Health events with a person', kind: 'count' },
      { key: 'imd', label: 'IMD 2025 decile (1 most deprived)', kind: 'label' },
      { key: 'hotspot', label: 'Gi* hot/cold spot', kind: 'label' },
    ],
    rows: sorted.map((a) => ({
      name: a.name,
      code: a.code,
      n: a.n,
      population: a.population.toLocaleString('en-GB'),
      rate: rateOf(a),
      last12: a.last12,
      prev12: a.prev12,
      change: change12(a),
      healthOnly: a.health_linkable > 0 ? a.health_only / a.health_linkable : null,
      health_only: a.health_only,
      health_linkable: a.health_linkable,
      imd: a.imd_decile === null ? '' : String(a.imd_decile),
      hotspot: spots ? HOTSPOT_LABELS[spots.get(a.code)?.cls ?? 'none'] : '',
    })),
    // the records column adds up to the filter bar's count of placed records
    totals: { rows: false, columns: true },
  };
}
