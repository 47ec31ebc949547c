import { describe, expect, it } from 'vitest';
import { pointKinds } from '@/data/ingest/pipeline-sql';
import { createLoadedDb, loadBytes } from '../helpers/loaded-db';

describe('pointKinds', () => {
  it('needs both columns of a pair mapped', () => {
    expect(pointKinds('police', { lsoa21cd: 'lsoa21cd' })).toEqual({ latLon: false, grid: false });
    expect(pointKinds('police', { latitude: 'Lat' })).toEqual({ latLon: false, grid: false });
    expect(pointKinds('police', { latitude: 'Lat', longitude: 'Lng' })).toEqual({ latLon: true, grid: false });
    expect(pointKinds('police', { easting: 'E', northing: 'N' })).toEqual({ latLon: false, grid: true });
    expect(pointKinds('ed', { latitude: 'a', longitude: 'b', easting: 'c', northing: 'd' })).toEqual({ latLon: true, grid: true });
  });

  it('never looks for grid points in a police.uk download, which has no such columns', () => {
    expect(pointKinds('stop_search', { latitude: 'latitude', longitude: 'longitude', easting: 'x', northing: 'y' })).toEqual({ latLon: true, grid: false });
  });
});

// One point in Leeds city centre (LSOA E01011312), as WGS84 and as British National Grid.
const HEAD = 'crime_ref,role,occurred_date,offence_group';
const ROW = 'C1,Victim,2024-03-02,Robbery';

describe('loading places from each kind of place column', () => {
  it.each([
    ['an LSOA code', 'lsoa21cd', 'E01011312', null],
    ['latitude and longitude', 'latitude,longitude', '53.77441,-1.544854', 53.77441],
    ['easting and northing', 'easting,northing', '430094,430993', 53.77441],
  ])('places a record given %s', async (_kind, columns, values, latitude) => {
    const t = await createLoadedDb();
    await loadBytes(t, 'police.csv', `${HEAD},${columns}\n${ROW},${values}\n`, { today: '2026-12-01' });
    const [row] = await t.db.query<{ lsoa21cd: string; in_area: boolean; latitude: number | null }>(
      'SELECT lsoa21cd, in_area, latitude FROM police',
    );
    expect(row?.lsoa21cd).toBe('E01011312');
    expect(row?.in_area).toBe(true);
    if (latitude === null) expect(row?.latitude).toBeNull();
    else expect(row?.latitude).toBeCloseTo(latitude, 4);
    t.db.close();
  });
});
