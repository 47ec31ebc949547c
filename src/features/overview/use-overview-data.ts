import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { dataSpanQuery, monthlyCountsQuery } from '@/data/aggregate-queries';
import { childrenAffectedSql, firstTimeEntrantsSql, runMonthly, type Dimension } from '@/data/aggregates';
import type { Db } from '@/data/db-types';
import { dbQuery } from '@/data/db-query';
import { areasQuery } from '@/data/filter-queries';
import type { Filters } from '@/data/filters';
import { useDbStatus } from '@/data/use-db';

export const childrenAffectedQuery = (db: Db | undefined, filters: Filters) =>
  dbQuery(db, ['children-affected', filters], (d) => runMonthly(d, childrenAffectedSql(filters)));

export const firstTimeEntrantsQuery = (db: Db | undefined, filters: Filters) =>
  dbQuery(db, ['first-time-entrants', filters], (d) => runMonthly(d, firstTimeEntrantsSql(filters)));

/** Knife-involved records within the filters: nothing when the weapon filter leaves knives out. */
export function knifeFilters(filters: Filters): Filters | null {
  if (filters.weapon.length > 0 && !filters.weapon.includes('Knife or sharp')) return null;
  return { ...filters, weapon: ['Knife or sharp'] };
}

export const ATTENTION_GROUPS: readonly { dimension: Dimension; label: string }[] = [
  { dimension: 'source', label: 'Source' },
  { dimension: 'ward_code', label: 'Ward' },
  { dimension: 'age_band', label: 'Age' },
  { dimension: 'sex', label: 'Sex' },
  { dimension: 'ethnicity', label: 'Ethnicity' },
];

/** Every query the overview runs, built for its filters (knife: none when knives are filtered out). */
export function overviewQueries(db: Db | undefined, filters: Filters) {
  const knifeF = knifeFilters(filters);
  return {
    span: dataSpanQuery(db),
    bySource: monthlyCountsQuery(db, filters, 'source'),
    knife: knifeF ? monthlyCountsQuery(db, knifeF, null) : null,
    children: childrenAffectedQuery(db, filters),
    fte: firstTimeEntrantsQuery(db, filters),
    wards: monthlyCountsQuery(db, filters, 'ward_code'),
    age: monthlyCountsQuery(db, filters, 'age_band'),
    sex: monthlyCountsQuery(db, filters, 'sex'),
    ethnicity: monthlyCountsQuery(db, filters, 'ethnicity'),
    areas: areasQuery(db, filters.region),
  };
}

export function useOverviewData(filters: Filters) {
  const status = useDbStatus();
  const db = status.state === 'ready' ? status.db : undefined;
  const q = overviewQueries(db, filters);
  const knifeWanted = q.knife !== null;
  const span = useQuery(q.span);
  const bySource = useQuery(q.bySource);
  // always called, so the hooks stay the same; idle when the filters leave knives out
  const knife = useQuery({ ...(q.knife ?? monthlyCountsQuery(db, filters, null)), enabled: db !== undefined && knifeWanted });
  const children = useQuery(q.children);
  const fte = useQuery(q.fte);
  const wards = useQuery(q.wards);
  const age = useQuery(q.age);
  const sex = useQuery(q.sex);
  const ethnicity = useQuery(q.ethnicity);
  const areas = useQuery(q.areas);
  const all = [span, bySource, children, fte, wards, age, sex, ethnicity, areas, ...(knifeWanted ? [knife] : [])];
  const error = all.find((x) => x.error)?.error ?? null;
  const areaList = areas.data;
  const wardName = useMemo(() => {
    const names = new Map(areaList?.map((a) => [a.code, a.name]) ?? []);
    return (code: string) => names.get(code) ?? code;
  }, [areaList]);
  const groups = useMemo(
    () => ({ source: bySource.data, ward_code: wards.data, age_band: age.data, sex: sex.data, ethnicity: ethnicity.data }),
    [bySource.data, wards.data, age.data, sex.data, ethnicity.data],
  );
  return {
    span: span.data,
    bySource: bySource.data,
    knife: knifeWanted ? knife.data : undefined,
    knifeExcluded: !knifeWanted,
    children: children.data,
    fte: fte.data,
    groups,
    wardName,
    loading: !error && all.some((x) => x.isPending),
    error,
  };
}
