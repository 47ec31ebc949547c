import type { Db } from '@/data/db-types';
import { demoExtractsQuery } from '@/data/demo-data';
import { firstOpenQuery, type FirstOpenQuery } from '@/data/first-open';
import { NO_FILTERS } from '@/data/filters';
import type { Region } from '@/data/region';
import { overviewQueries } from './use-overview-data';

/**
 * What the app shows on first open (the overview at `/`, no filters, in the region of the opening
 * link) asks of the database: the overview's queries, which also answer the filter bar (its areas
 * and its count of matching records), and the demo banner's. `npm run demo-tables` keeps their
 * answers for the demo, a file for each region.
 */
export function firstOpenQueries(db: Db, region: Region): FirstOpenQuery[] {
  const q = overviewQueries(db, { ...NO_FILTERS, region });
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
