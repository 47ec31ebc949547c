import { POPULATION_GROUPS, type PopulationGroup } from '@/data/denominators';
import type { AggTable } from '@/lib/aggregate-table';
import { formatRate, formatRatio } from '@/lib/format';
import { ratePer1000, relativeRateIndex, type Rri } from '@/lib/rri';
import type { GroupCount } from './group-queries';

export const NOT_RECORDED = 'Not recorded';
/** Above this share of records with no ethnicity, the view warns that it may change the picture. */
export const NOT_RECORDED_WARNING = 0.1;

export interface EthnicityRow {
  group: PopulationGroup;
  n: number;
  /** the rate numerator: records not placed outside the partnership's area */
  numerator: number;
  population: number;
  rate: number | null;
  rri: Rri | null;
  /** the RRI if every not-recorded record were White: the least disproportion the data allow */
  rriIfWhite: number | null;
}

export interface EthnicityFigures {
  rows: EthnicityRow[];
  total: number;
  notRecorded: number;
  notRecordedShare: number | null;
}

/** Counts summed over the chosen sources (all when `source` is null). */
export function sumBySource(counts: readonly GroupCount[], source: string | null): Map<string, { n: number; n_in_area: number }> {
  const m = new Map<string, { n: number; n_in_area: number }>();
  for (const c of counts) {
    if (source && c.source !== source) continue;
    const cur = m.get(c.grp) ?? { n: 0, n_in_area: 0 };
    m.set(c.grp, { n: cur.n + c.n, n_in_area: cur.n_in_area + c.n_in_area });
  }
  return m;
}

export function ethnicityFigures(counts: ReadonlyMap<string, { n: number; n_in_area: number }>, populations: Record<PopulationGroup, number>): EthnicityFigures {
  const white = counts.get('White')?.n_in_area ?? 0;
  const notRecorded = counts.get(NOT_RECORDED)?.n ?? 0;
  const notRecordedInArea = counts.get(NOT_RECORDED)?.n_in_area ?? 0;
  const total = [...counts.values()].reduce((a, c) => a + c.n, 0);
  const rows = POPULATION_GROUPS.map((group): EthnicityRow => {
    const c = counts.get(group) ?? { n: 0, n_in_area: 0 };
    const population = populations[group];
    const rri = group === 'White' ? null : relativeRateIndex(c.n_in_area, population, white, populations.White);
    const ifWhite = group === 'White' ? null : relativeRateIndex(c.n_in_area, population, white + notRecordedInArea, populations.White);
    return { group, n: c.n, numerator: c.n_in_area, population, rate: ratePer1000(c.n_in_area, population), rri, rriIfWhite: ifWhite?.rri ?? null };
  });
  return { rows, total, notRecorded, notRecordedShare: total > 0 ? notRecorded / total : null };
}

export function ethnicityTable(f: EthnicityFigures): AggTable {
  return {
    columns: [
      { key: 'group', label: 'Ethnic group', kind: 'label' },
      { key: 'n', label: 'Records', kind: 'count' },
      { key: 'numerator', label: 'Records placed in the area or unplaced', kind: 'count' },
      { key: 'population', label: 'Population', kind: 'label' },
      { key: 'rate', label: 'Rate per 1,000', kind: 'value', basedOn: ['numerator'], format: formatRate },
      { key: 'rri', label: 'RRI vs White', kind: 'value', basedOn: ['numerator', 'whiteN'], format: formatRatio },
      { key: 'lower', label: '95% CI from', kind: 'value', basedOn: ['numerator', 'whiteN'], format: formatRatio },
      { key: 'upper', label: '95% CI to', kind: 'value', basedOn: ['numerator', 'whiteN'], format: formatRatio },
      { key: 'verdict', label: 'Interval excludes 1', kind: 'label' },
      { key: 'ifWhite', label: 'RRI if every not-recorded record were White', kind: 'value', basedOn: ['numerator', 'whiteN'], format: formatRatio },
      { key: 'whiteN', label: 'White records (reference)', kind: 'count' },
    ],
    rows: [
      ...f.rows.map((r) => ({
        group: r.group,
        n: r.n,
        numerator: r.numerator,
        population: r.population.toLocaleString('en-GB'),
        rate: r.rate,
        rri: r.rri?.rri ?? null,
        lower: r.rri?.lower ?? null,
        upper: r.rri?.upper ?? null,
        verdict: r.rri ? (r.rri.excludesOne ? (r.rri.rri > 1 ? 'yes: higher' : 'yes: lower') : 'no') : r.group === 'White' ? 'reference group' : '',
        ifWhite: r.rriIfWhite,
        whiteN: f.rows.find((w) => w.group === 'White')?.numerator ?? 0,
      })),
      { group: NOT_RECORDED, n: f.notRecorded, numerator: null, population: '', rate: null, rri: null, lower: null, upper: null, verdict: 'no population: left out of rates', ifWhite: null, whiteN: null },
    ],
    // the records column adds up to the source's total, which the filter bar shows
    totals: { rows: false, columns: true },
  };
}
