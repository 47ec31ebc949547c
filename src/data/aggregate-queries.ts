import type { Db } from './db-types';
import { dbQuery } from './db-query';
import type { Filters } from './filters';
import type { Region } from './region';
import { dataSpan, monthlyCounts, residentPopulation, weekHourCounts, type Dimension } from './aggregates';

/** The span of the loaded data, whatever the filters. */
export const dataSpanQuery = (db: Db | undefined) => dbQuery(db, ['data-span'], dataSpan);

export const monthlyCountsQuery = (db: Db | undefined, filters: Filters, by: Dimension | null) =>
  dbQuery(db, ['monthly-counts', filters, by], (d) => monthlyCounts(d, filters, by));

export const populationQuery = (db: Db | undefined, area: string | null, region: Region) =>
  dbQuery(db, ['population', area, region], (d) => residentPopulation(d, area, region));

export const weekHourQuery = (db: Db | undefined, filters: Filters) => dbQuery(db, ['week-hour', filters], (d) => weekHourCounts(d, filters));
