import type { Db } from './db-types';
import { dbQuery } from './db-query';
import type { Filters } from './filters';
import { inRegionSql, type Region } from './region';
import { monthlyCountsQuery } from './aggregate-queries';
import type { MonthlyCount } from './aggregates';

export interface AreaOption {
  level: 'district' | 'ward' | 'msoa' | 'lsoa';
  code: string;
  name: string;
}

/**
 * The region's areas: districts (across West Yorkshire; Leeds alone is one), then wards, MSOAs and
 * LSOAs, each by name. Across West Yorkshire a ward's name carries its district's ("Baildon
 * (Bradford)"); an MSOA's and an LSOA's ONS names begin with theirs.
 */
export function areasSql(region: Region): string {
  const inRegion = inRegionSql(region);
  const wardName = region === 'wy' ? `ward_name || ' (' || lad24nm || ')'` : 'ward_name';
  return `
  SELECT level, code, name FROM (
    SELECT 0 AS rank, 'district' AS level, lad24cd AS code, lad24nm AS name FROM ref_district WHERE ${inRegion} AND ${region === 'wy'}
    UNION ALL SELECT 1, 'ward', ward_code, ${wardName} FROM ref_ward JOIN ref_district USING (lad24cd) WHERE ${inRegion}
    UNION ALL SELECT 2, 'msoa', msoa21cd, CASE WHEN msoa_name = msoa21nm THEN msoa21nm ELSE msoa_name || ' (' || msoa21nm || ')' END FROM ref_msoa WHERE ${inRegion}
    UNION ALL SELECT 3, 'lsoa', lsoa21cd, lsoa21nm || ', ' || ward_name FROM ref_lsoa WHERE ${inRegion})
  ORDER BY rank, name`;
}

export function areasQuery(db: Db | undefined, region: Region) {
  return dbQuery(db, ['areas', region], (d) => d.query<AreaOption & Record<string, string>>(areasSql(region)));
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
