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

export function useOverviewData(filters: Filters) {
  const status = useDbStatus();
  const db = status.state === 'ready' ? status.db : undefined;
  const span = useQuery(dataSpanQuery(db));
  const bySource = useQuery(monthlyCountsQuery(db, filters, 'source'));
  const knifeF = knifeFilters(filters);
  const knife = useQuery({ ...monthlyCountsQuery(db, knifeF ?? filters, null), enabled: db !== undefined && knifeF !== null });
  const children = useQuery(childrenAffectedQuery(db, filters));
  const fte = useQuery(firstTimeEntrantsQuery(db, filters));
  const wards = useQuery(monthlyCountsQuery(db, filters, 'ward_code'));
  const age = useQuery(monthlyCountsQuery(db, filters, 'age_band'));
  const sex = useQuery(monthlyCountsQuery(db, filters, 'sex'));
  const ethnicity = useQuery(monthlyCountsQuery(db, filters, 'ethnicity'));
  const areas = useQuery(areasQuery(db));
  const all = [span, bySource, children, fte, wards, age, sex, ethnicity, areas, ...(knifeF ? [knife] : [])];
  const error = all.find((q) => q.error)?.error ?? null;
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
    knife: knifeF ? knife.data : undefined,
    knifeExcluded: knifeF === null,
    children: children.data,
    fte: fte.data,
    groups,
    wardName,
    loading: !error && all.some((q) => q.isPending),
    error,
  };
}
