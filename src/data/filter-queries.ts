import type { Db } from './db-types';
import { dbQuery } from './db-query';
import type { Filters } from './filters';
import { monthlyCountsQuery } from './aggregate-queries';
import type { MonthlyCount } from './aggregates';

export interface AreaOption {
  level: 'ward' | 'msoa' | 'lsoa';
  code: string;
  name: string;
}

/** Wards, then MSOAs, then LSOAs, each by name. */
export const AREAS_SQL = `
  SELECT level, code, name FROM (
    SELECT 1 AS rank, 'ward' AS level, ward_code AS code, ward_name AS name FROM ref_ward
    UNION ALL SELECT 2, 'msoa', msoa21cd, msoa_name || ' (' || msoa21nm || ')' FROM ref_msoa
    UNION ALL SELECT 3, 'lsoa', lsoa21cd, lsoa21nm || ', ' || ward_name FROM ref_lsoa)
  ORDER BY rank, name`;

export function areasQuery(db: Db | undefined) {
  return dbQuery(db, ['areas'], (d) => d.query<AreaOption & Record<string, string>>(AREAS_SQL));
}

/**
 * How many records of the events view match the filters: the sum of the monthly counts by source,
 * the query the overview and the trends share (same key), so on those views a filter change scans
 * the events once instead of twice; elsewhere it costs a little more than a bare count.
 */
export function matchingCountQuery(db: Db | undefined, filters: Filters) {
  return { ...monthlyCountsQuery(db, filters, 'source'), select: sumCounts };
}

export const sumCounts = (rows: readonly MonthlyCount[]) => rows.reduce((sum, r) => sum + r.n, 0);
