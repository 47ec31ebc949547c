import { filtersToSql, type Filters } from '@/data/filters';
import { EVENTS_STORE } from '@/data/schema';
import { areaNameSql, inAreaSql, inRegionSql, type Region } from '@/data/region';
import type { AreaLevel } from './evaluation-params';

// The SQL the evaluation needs besides the boundaries (src/data/boundaries.ts): each area's
// residents and deprivation, and records by area and month over both periods. Everything else (groups, matching, ratios) is
// worked out from those rows by the pure functions in evaluation.ts.

/** The events' and ref_lsoa's columns for each level (a fixed list: never from user input). */
const LEVEL_COLUMNS: Record<AreaLevel, string> = { ward: 'ward_code', msoa: 'msoa21cd', lsoa: 'lsoa21cd' };

export interface AreaProfile {
  code: string;
  name: string;
  population: number;
  /** the population-weighted mean of its LSOAs' IMD deciles (1 most deprived) */
  imd: number;
}

/** Every area of a level in the region with its residents (Census 2021) and mean IMD 2025 decile, by name. */
export function areaProfilesSql(level: AreaLevel, region: Region): string {
  const code = LEVEL_COLUMNS[level];
  const name = level === 'lsoa' ? "lsoa21nm || ', ' || ward_name" : areaNameSql(level, region);
  return `SELECT ${code} AS code, any_value(${name}) AS name, sum(population)::INTEGER AS population,
      (sum(population * imd_decile) / sum(population))::DOUBLE AS imd
    FROM ref_lsoa WHERE ${inRegionSql(region)} GROUP BY ${code} ORDER BY name`;
}

export interface AreaMonthCount {
  code: string;
  /** YYYY-MM */
  month: string;
  n: number;
}

/**
 * Records by area and month from `from` to `to` (inclusive), matching the outcome: the filters with
 * their area and months left out, as the evaluation's areas and periods take their place.
 */
export function areaMonthCountsSql(level: AreaLevel, filters: Filters, from: string, to: string) {
  const where = filtersToSql(outcomeFilters(filters));
  const col = LEVEL_COLUMNS[level];
  return {
    sql: `SELECT ${col} AS code, strftime(event_month, '%Y-%m') AS month, count(*)::INTEGER AS n
      FROM ${EVENTS_STORE}
      WHERE ${where.sql} AND ${col} IS NOT NULL AND ${inAreaSql(filters.region)} AND event_month >= CAST(? AS DATE) AND event_month <= CAST(? AS DATE)
      GROUP BY ALL ORDER BY code, month`,
    params: [...where.params, `${from}-01`, `${to}-01`],
  };
}

/** The filters that define the outcome: all but the area and the month range. */
export function outcomeFilters(filters: Filters): Filters {
  return { ...filters, area: null, from: null, to: null };
}
