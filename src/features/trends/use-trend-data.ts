import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { dataSpanQuery, monthlyCountsQuery, populationQuery } from '@/data/aggregate-queries';
import type { Filters } from '@/data/filters';
import type { Residents } from '@/data/residents';
import { SOURCE_IDS, type SourceId } from '@/data/ingest/contracts';
import { useDbStatus } from '@/data/use-db';
import { useSettled } from '@/lib/use-settled';
import { trendRange } from './series';

const NO_COUNTS: never[] = [];

/**
 * What every trend chart stands on: the month range, monthly counts by source, and for rates the
 * residents chosen (all ages, 0–15 or 16–24), their number and the counts of records of those ages.
 */
export function useTrendData(filters: Filters, residents: Residents) {
  const status = useDbStatus();
  const db = status.state === 'ready' ? status.db : undefined;
  const span = useQuery(dataSpanQuery(db));
  const counts = useQuery(monthlyCountsQuery(db, filters, 'source'));
  const population = useQuery(populationQuery(db, filters.area, filters.region, residents));
  const ageCounts = useQuery({ ...monthlyCountsQuery(db, filters, 'source', residents), enabled: db !== undefined && residents !== 'all' });
  const rateCounts = residents === 'all' ? counts.data : ageCounts.data;
  // the rates' residents, their number and their counts change together: while the number or the
  // counts for newly chosen residents are computed, the previous three stay on screen whole
  const rateFresh =
    population.data !== undefined && !population.isPlaceholderData && (residents === 'all' ? !counts.isPlaceholderData : ageCounts.data !== undefined && !ageCounts.isPlaceholderData);
  const rates = useSettled(
    useMemo(() => ({ residents, population: population.data, counts: rateCounts ?? NO_COUNTS }), [residents, population.data, rateCounts]),
    rateFresh,
  );
  // kept stable between renders, so the (memoised) charts redraw only when their numbers change
  const { from, to } = filters;
  const newRange = useMemo(() => (span.data ? trendRange({ from, to }, span.data) : null), [span.data, from, to]);
  const range = useSettled(newRange, !counts.isPlaceholderData);
  const sourceList = SOURCE_IDS.filter((s) => counts.data?.some((r) => r.key === s)).join(',');
  const sources = useMemo(() => (sourceList ? (sourceList.split(',') as SourceId[]) : []), [sourceList]);
  const error = span.error ?? counts.error ?? population.error ?? ageCounts.error;
  const loading = !error && (span.isPending || counts.isPending || population.isPending);
  return { db, span: span.data, counts: counts.data ?? NO_COUNTS, rates, population: population.data, range, sources, loading, error };
}
