import type { Db } from '@/data/db-types';
import { dbQuery } from '@/data/db-query';
import type { Filters } from '@/data/filters';
import type { Region } from '@/data/region';
import { areaMonthCountsSql, areaProfilesSql, outcomeFilters, type AreaMonthCount, type AreaProfile } from './evaluate-sql';
import type { AreaLevel } from './evaluation-params';

export const areaProfilesQuery = (db: Db | undefined, level: AreaLevel, region: Region) =>
  dbQuery(db, ['evaluate-areas', level, region], (d) => d.query<AreaProfile & Record<string, string | number>>(areaProfilesSql(level, region)));

export { boundariesQuery } from '@/data/boundaries';

export const areaMonthCountsQuery = (db: Db | undefined, level: AreaLevel, filters: Filters, from: string, to: string) =>
  dbQuery(db, ['evaluate-counts', level, { ...outcomeFilters(filters), publish: false }, from, to], (d) => {
    const q = areaMonthCountsSql(level, filters, from, to);
    return d.query<AreaMonthCount & Record<string, string | number>>(q.sql, q.params);
  });
