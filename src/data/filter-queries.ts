import type { Db } from './db-types';
import { dbQuery } from './db-query';
import { filtersToSql, type Filters } from './filters';
import { EVENTS_STORE } from './schema';

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

/** How many records of the events view match the filters. */
export function matchingCountQuery(db: Db | undefined, filters: Filters) {
  return dbQuery(db, ['matching-count', filters], async (d) => {
    const where = filtersToSql(filters);
    const rows = await d.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${EVENTS_STORE} WHERE ${where.sql}`, where.params);
    return rows[0]?.n ?? 0;
  });
}
