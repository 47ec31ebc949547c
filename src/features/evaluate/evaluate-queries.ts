import type { Db } from '@/data/db-types';
import { dbQuery } from '@/data/db-query';
import type { Filters } from '@/data/filters';
import type { AreaGeometry } from '@/lib/hotspots';
import { areaMonthCountsSql, areaProfilesSql, BOUNDARIES_SQL, outcomeFilters, type AreaMonthCount, type AreaProfile } from './evaluate-sql';
import type { AreaLevel } from './evaluation-params';

export const areaProfilesQuery = (db: Db | undefined, level: AreaLevel) =>
  dbQuery(db, ['evaluate-areas', level], (d) => d.query<AreaProfile & Record<string, string | number>>(areaProfilesSql(level)));

export interface Shape {
  code: string;
  name: string;
  geometry: AreaGeometry['geometry'];
}

export const boundariesQuery = (db: Db | undefined, level: AreaLevel) =>
  dbQuery(db, ['evaluate-boundaries', level], async (d): Promise<Shape[]> => {
    const rows = await d.query<{ code: string; name: string; geometry: string }>(BOUNDARIES_SQL, [level]);
    return rows.map((r) => ({ code: r.code, name: r.name, geometry: JSON.parse(r.geometry) as AreaGeometry['geometry'] }));
  });

export const areaMonthCountsQuery = (db: Db | undefined, level: AreaLevel, filters: Filters, from: string, to: string) =>
  dbQuery(db, ['evaluate-counts', level, { ...outcomeFilters(filters), publish: false }, from, to], (d) => {
    const q = areaMonthCountsSql(level, filters, from, to);
    return d.query<AreaMonthCount & Record<string, string | number>>(q.sql, q.params);
  });
