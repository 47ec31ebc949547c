import { useQuery } from '@tanstack/react-query';
import { dataSpanQuery, monthlyCountsQuery, populationQuery } from '@/data/aggregate-queries';
import type { Filters } from '@/data/filters';
import { SOURCE_IDS } from '@/data/ingest/contracts';
import { useDbStatus } from '@/data/use-db';
import { trendRange } from './series';

/** What every trend chart stands on: the month range, monthly counts by source and the denominator. */
export function useTrendData(filters: Filters) {
  const status = useDbStatus();
  const db = status.state === 'ready' ? status.db : undefined;
  const span = useQuery(dataSpanQuery(db));
  const counts = useQuery(monthlyCountsQuery(db, filters, 'source'));
  const population = useQuery(populationQuery(db, filters.area));
  const range = span.data ? trendRange(filters, span.data) : null;
  const present = new Set(counts.data?.map((r) => r.key) ?? []);
  const sources = SOURCE_IDS.filter((s) => present.has(s));
  const error = span.error ?? counts.error ?? population.error;
  const loading = !error && (span.isPending || counts.isPending || population.isPending);
  return { db, span: span.data, counts: counts.data ?? [], population: population.data, range, sources, loading, error };
}
