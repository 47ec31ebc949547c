import type { Db } from './db-types';
import { dbQuery } from './db-query';
import type { Filters } from './filters';
import type { Region } from './region';
import type { Residents } from './residents';
import { dataSpan, monthlyCounts, residentPopulation, weekHourCounts, type Dimension } from './aggregates';

/** The span of the loaded data, whatever the filters. */
export const dataSpanQuery = (db: Db | undefined) => dbQuery(db, ['data-span'], dataSpan);

/** Monthly counts; for all ages the key the overview and the trends share. */
export const monthlyCountsQuery = (db: Db | undefined, filters: Filters, by: Dimension | null, residents: Residents = 'all') =>
  dbQuery(db, residents === 'all' ? ['monthly-counts', filters, by] : ['monthly-counts', filters, by, residents], (d) => monthlyCounts(d, filters, by, residents));

export const populationQuery = (db: Db | undefined, area: string | null, region: Region, residents: Residents = 'all') =>
  dbQuery(db, ['population', area, region, residents], (d) => residentPopulation(d, area, region, residents));

export const weekHourQuery = (db: Db | undefined, filters: Filters) => dbQuery(db, ['week-hour', filters], (d) => weekHourCounts(d, filters));
