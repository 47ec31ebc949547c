import type { AreaGeometry } from '@/lib/hotspots';
import type { Db } from './db-types';
import { dbQuery } from './db-query';
import { inRegionSql, type Region } from './region';

/** An area's boundary from the reference data (ref_boundaries). */
export interface Boundary {
  code: string;
  name: string;
  geometry: AreaGeometry['geometry'];
}

export type BoundaryLevel = 'district' | 'ward' | 'msoa' | 'lsoa';

/** Every boundary of a level in the region, by code. */
export function boundariesSql(level: BoundaryLevel, region: Region): { sql: string; params: [BoundaryLevel] } {
  return { sql: `SELECT code, name, geometry FROM ref_boundaries WHERE level = ? AND ${inRegionSql(region)} ORDER BY code`, params: [level] };
}

export function parseBoundaries(rows: readonly { code: string; name: string; geometry: string }[]): Boundary[] {
  return rows.map((r) => ({ code: r.code, name: r.name, geometry: JSON.parse(r.geometry) as AreaGeometry['geometry'] }));
}

/** The boundaries of a level, parsed: one query (and one cache entry) for every view that draws them. */
export const boundariesQuery = (db: Db | undefined, level: BoundaryLevel, region: Region) =>
  dbQuery(db, ['boundaries', level, region], async (d) => {
    const q = boundariesSql(level, region);
    return parseBoundaries(await d.query<{ code: string; name: string; geometry: string }>(q.sql, q.params));
  });
