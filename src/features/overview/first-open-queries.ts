import type { Db } from '@/data/db-types';
import { demoExtractsQuery } from '@/data/demo-data';
import { firstOpenQuery, type FirstOpenQuery } from '@/data/first-open';
import { parseFilters } from '@/data/filters';
import { overviewQueries } from './use-overview-data';

/**
 * What the app shows on first open (the overview at `/`, no filters) asks of the database: the
 * overview's queries, which also answer the filter bar (its areas and its count of matching
 * records), and the demo banner's. `npm run demo-tables` keeps their answers for the demo.
 */
export function firstOpenQueries(db: Db): FirstOpenQuery[] {
  const { filters } = parseFilters('');
  const q = overviewQueries(db, filters);
  return [
    firstOpenQuery(q.span),
    firstOpenQuery(q.bySource),
    ...(q.knife ? [firstOpenQuery(q.knife)] : []),
    firstOpenQuery(q.children),
    firstOpenQuery(q.fte),
    firstOpenQuery(q.wards),
    firstOpenQuery(q.age),
    firstOpenQuery(q.sex),
    firstOpenQuery(q.ethnicity),
    firstOpenQuery(q.areas),
    firstOpenQuery(demoExtractsQuery(db)),
  ];
}
