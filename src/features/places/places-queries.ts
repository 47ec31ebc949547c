import type { Db } from '@/data/db-types';
import { dbQuery } from '@/data/db-query';
import type { Filters } from '@/data/filters';
import type { Residents } from '@/data/residents';
import type { AreaCounts, AreaWindow } from './area-figures';
import { parseBoundaries } from '@/data/boundaries';
import { areaCountsSql, areaGeometrySql, areaWindowSql, pointsSql, profileSql, type Level } from './places-sql';

export { boundariesQuery } from '@/data/boundaries';

export const areaCountsQuery = (db: Db | undefined, filters: Filters, level: Level, residents: Residents = 'all') =>
  dbQuery(db, ['area-counts', filters, level, residents], (d) => {
    const q = areaCountsSql(filters, level, residents);
    return d.query<AreaCounts & Record<string, string | number | null>>(q.sql, q.params);
  });

/** The 12-month windows for the ranking (no rows without a window end, i.e. without data). */
export const areaWindowQuery = (db: Db | undefined, filters: Filters, level: Level, windowEnd: string | null, residents: Residents = 'all') =>
  dbQuery(db, ['area-window', filters, level, windowEnd, residents], (d) => {
    if (!windowEnd) return Promise.resolve([]);
    const q = areaWindowSql(filters, level, windowEnd, residents);
    return d.query<AreaWindow & Record<string, string | number>>(q.sql, q.params);
  });

export const pointsQuery = (db: Db | undefined, filters: Filters) =>
  dbQuery(db, ['points', filters], (d) => {
    const q = pointsSql(filters);
    return d.query<{ lat: number; lon: number; source: string }>(q.sql, q.params);
  });

export const profileQuery = (db: Db | undefined, filters: Filters) =>
  dbQuery(db, ['area-profile', filters], (d) => {
    const q = profileSql(filters);
    return d.query<{ dim: string; key: string; n: number }>(q.sql, q.params);
  });

export const areaGeometryQuery = (db: Db | undefined, code: string | null) =>
  dbQuery(db, ['area-geometry', code], async (d) => {
    if (!code) return null;
    const q = areaGeometrySql(code);
    const rows = await d.query<{ level: string; code: string; name: string; geometry: string }>(q.sql, q.params);
    return rows[0] ? { level: rows[0].level, ...parseBoundaries(rows)[0]! } : null;
  });
