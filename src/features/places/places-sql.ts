import type { SqlValue } from '@/data/db-types';
import { filtersToSql, type Filters } from '@/data/filters';
import { EVENTS_STORE, LSOA_INDEX } from '@/data/schema';
import { areaNameSql, inAreaSql, inRegionSql } from '@/data/region';
import { RESIDENTS_COLUMN, residentsAgeSql, type Residents } from '@/data/residents';

export const LEVELS = ['district', 'ward', 'msoa', 'lsoa'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, string> = { district: 'District', ward: 'Ward', msoa: 'MSOA', lsoa: 'LSOA' };
export const LEVEL_PLURALS: Record<Level, string> = { district: 'districts', ward: 'wards', msoa: 'MSOAs', lsoa: 'LSOAs' };

/**
 * The level in the URL (`level`): ward when absent; a value that is not a level is ignored with a
 * note, as the filters' are.
 */
export function parseLevel(search: string): { level: Level; problem: string | null } {
  const raw = new URLSearchParams(search).get('level');
  if (raw === null || raw === '') return { level: 'ward', problem: null };
  const found = LEVELS.find((l) => l === raw.trim().toLowerCase());
  if (found) return { level: found, problem: null };
  return { level: 'ward', problem: `Ignored level=${raw}: not one of ${LEVELS.join(', ')}; showing wards.` };
}

/** The query string with the level set (wards, the default, are left out) and every other parameter kept. */
export function levelToSearch(level: Level, keep: string): string {
  const q = new URLSearchParams(keep);
  q.delete('level');
  if (level !== 'ward') q.set('level', level);
  const s = q.toString();
  return s ? `?${s}` : '';
}

const COLUMN: Record<Level, string> = { district: 'lad24cd', ward: 'ward_code', msoa: 'msoa21cd', lsoa: 'lsoa21cd' };

/**
 * Events are counted by their LSOA's number (lsoa_ix) and named after. An event with no LSOA can
 * still have a ward and a district (a 2011 LSOA code split in 2021 keeps them): for those levels
 * it is counted by the stored code itself (`split`, NULL for an event with an LSOA).
 */
function splitKey(level: Level): string {
  return level === 'ward' || level === 'district' ? `CASE WHEN lsoa_ix IS NULL THEN ${COLUMN[level]} END` : 'NULL::VARCHAR';
}

export interface Query {
  sql: string;
  params: SqlValue[];
}

/**
 * Every area of a level with its figures: records in the filters (placed in it), its residents
 * (Census 2021), health events with a person reference and those with no police record of the
 * child within 30 days, and its IMD 2025 decile (an LSOA's own; a bigger area's median LSOA decile).
 * Only the region's areas, and records in the region. The map and ranking keep every area in view,
 * so the area filter is not applied here. With `residents` of some ages, the residents of those ages
 * and the records of people of those ages.
 */
export function areaCountsSql(filters: Filters, level: Level, residents: Residents = 'all'): Query {
  const col = COLUMN[level];
  const all = filtersToSql({ ...filters, area: null });
  const imd = level === 'lsoa' ? `any_value(imd_decile)` : `quantile_disc(imd_decile, 0.5)`;
  return {
    sql: `WITH areas AS (
        SELECT ${col} AS code, any_value(${areaNameSql(level, filters.region)}) AS name,
          sum(${RESIDENTS_COLUMN[residents]})::INTEGER AS population, ${imd}::INTEGER AS imd_decile
        FROM ref_lsoa WHERE ${inRegionSql(filters.region)} GROUP BY 1),
      -- counted by LSOA number and source, with plain counts (a FILTER on every row doubled the
      -- time). Only an event with a person_ref can have a police record within 30 days, so a
      -- health source's health-only events are its events with a person_ref minus those
      per_lsoa AS (SELECT lsoa_ix, ${splitKey(level)} AS split, source, count(*) AS n, count(pid) AS linkable, count(CASE WHEN police_gap_days <= 30 THEN 1 END) AS police_near
        FROM ${EVENTS_STORE} WHERE ${all.sql} AND ${inAreaSql(filters.region)} AND ${residentsAgeSql(residents)} GROUP BY 1, 2, 3),
      c AS (SELECT coalesce(x.${col}, p.split) AS code, sum(n)::INTEGER AS n,
          sum(linkable) FILTER (WHERE source IN ('ed', 'ambulance'))::INTEGER AS health_linkable,
          sum(linkable - police_near) FILTER (WHERE source IN ('ed', 'ambulance'))::INTEGER AS health_only
        FROM per_lsoa p LEFT JOIN ${LSOA_INDEX} x USING (lsoa_ix) GROUP BY 1)
      SELECT a.code, a.name, a.population, a.imd_decile, coalesce(c.n, 0) AS n,
        coalesce(c.health_linkable, 0) AS health_linkable, coalesce(c.health_only, 0) AS health_only
      FROM areas a LEFT JOIN c USING (code) ORDER BY a.code`,
    params: all.params,
  };
}

/**
 * Records placed in each area in the 12 months to `windowEnd` (YYYY-MM) and the 12 before, under
 * every filter but the dates and the area (for the ranking's change). Areas with none are left out.
 */
export function areaWindowSql(filters: Filters, level: Level, windowEnd: string, residents: Residents = 'all'): Query {
  const col = COLUMN[level];
  const end = `${windowEnd}-01`;
  const noDates = filtersToSql({ ...filters, area: null, from: null, to: null });
  return {
    sql: `SELECT coalesce(x.${col}, p.split) AS code, sum(last12)::INTEGER AS last12, sum(prev12)::INTEGER AS prev12
      FROM (SELECT lsoa_ix, ${splitKey(level)} AS split,
          count(*) FILTER (WHERE event_month > CAST(? AS DATE) - INTERVAL 12 MONTH) AS last12,
          count(*) FILTER (WHERE event_month <= CAST(? AS DATE) - INTERVAL 12 MONTH) AS prev12
        FROM ${EVENTS_STORE} WHERE ${noDates.sql} AND ${inAreaSql(filters.region)} AND ${residentsAgeSql(residents)}
          AND event_month > CAST(? AS DATE) - INTERVAL 24 MONTH AND event_month <= CAST(? AS DATE) GROUP BY 1, 2) p
      LEFT JOIN ${LSOA_INDEX} x USING (lsoa_ix) WHERE coalesce(x.${col}, p.split) IS NOT NULL GROUP BY 1 ORDER BY 1`,
    params: [end, end, ...noDates.params, end, end],
  };
}

/**
 * Records with coordinates for the points layer, leaving out any LSOA whose count would be
 * suppressed (1–4), so a point can never stand in for a hidden count.
 */
export function pointsSql(filters: Filters, limit = 20000): Query {
  const where = filtersToSql(filters);
  return {
    sql: `WITH f AS (SELECT latitude, longitude, lsoa21cd, source::VARCHAR AS source FROM ${EVENTS_STORE} WHERE ${where.sql} AND ${inAreaSql(filters.region)} AND latitude IS NOT NULL),
        ok AS (SELECT lsoa21cd FROM f GROUP BY 1 HAVING count(*) >= 5)
      SELECT round(latitude, 4) AS lat, round(longitude, 4) AS lon, source FROM f WHERE lsoa21cd IN (SELECT lsoa21cd FROM ok) LIMIT ${Math.floor(limit)}`,
    params: where.params,
  };
}

/** The selected area's make-up: records by source, sex, age band, ethnicity, hour and knife involvement. */
export function profileSql(filters: Filters): Query {
  const where = filtersToSql(filters);
  return {
    sql: `SELECT CASE WHEN GROUPING(source) = 0 THEN 'source' WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(age_band) = 0 THEN 'age'
          WHEN GROUPING(ethnicity) = 0 THEN 'ethnicity' WHEN GROUPING(event_hour) = 0 THEN 'hour' WHEN GROUPING(knife) = 0 THEN 'knife' ELSE 'all' END AS dim,
        coalesce(source, sex, age_band, ethnicity, CAST(event_hour AS VARCHAR), CAST(knife AS VARCHAR), '') AS key, count(*)::INTEGER AS n
      FROM (SELECT source::VARCHAR AS source, sex::VARCHAR AS sex, age_band::VARCHAR AS age_band, ethnicity::VARCHAR AS ethnicity, event_hour, weapon = 'Knife or sharp' AS knife FROM ${EVENTS_STORE} WHERE ${where.sql})
      GROUP BY GROUPING SETS ((source), (sex), (age_band), (ethnicity), (event_hour), (knife), ()) ORDER BY dim, key`,
    params: where.params,
  };
}

export function areaGeometrySql(code: string): Query {
  return { sql: `SELECT level, code, name, geometry FROM ref_boundaries WHERE code = ?`, params: [code] };
}
