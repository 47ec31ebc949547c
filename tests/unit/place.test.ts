import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLocator, type BoundaryCollection } from '@/data/place';
import { bngToWgs84 } from '@/data/bng';

describe('British National Grid to WGS84', () => {
  it('matches the Ordnance Survey worked example (Caister water tower) to within 50 m', () => {
    // OS: E 651409.903, N 313177.270 is 52°39′28.8″N 1°42′57.8″E in ETRS89/WGS84; OSGB36 itself
    // would be about 130 m further east, so a missing datum shift fails this test.
    const [lon, lat] = bngToWgs84(651409.903, 313177.27);
    expect(lat).toBeCloseTo(52.658, 3);
    expect(Math.abs(lon - 1.71605)).toBeLessThan(0.0005);
  });
});

describe('point in polygon', () => {
  const square: BoundaryCollection = {
    features: [
      // a 2×2 square with a 1×1 hole in the middle, and a separate triangle
      { properties: { code: 'SQ' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]], [[0.5, 0.5], [1.5, 0.5], [1.5, 1.5], [0.5, 1.5], [0.5, 0.5]]] } },
      { properties: { code: 'TRI' }, geometry: { type: 'MultiPolygon', coordinates: [[[[3, 0], [5, 0], [3, 2], [3, 0]]]] } },
    ],
  };
  const loc = createLocator(square);

  it('finds the polygon containing a point, respecting holes and multipolygons', () => {
    expect(loc.locate(0.25, 0.25)).toBe('SQ');
    expect(loc.locate(1, 1)).toBeNull(); // in the hole
    expect(loc.locate(3.5, 0.5)).toBe('TRI');
    expect(loc.locate(4.5, 1.5)).toBeNull(); // inside the triangle's bounding box, outside the triangle
    expect(loc.locate(10, 10)).toBeNull();
  });

  it('gives a point just outside a boundary to the nearest area within the distance asked', () => {
    // 0.0001° of latitude is about 11 m
    expect(loc.nearest(1, -0.0001, 30)).toBe('SQ');
    expect(loc.nearest(1, -0.001, 30)).toBeNull(); // about 111 m away
  });

  it('places real points in West Yorkshire, with their district, and leaves points elsewhere outside', () => {
    const leeds = createLocator(JSON.parse(readFileSync('data/reference/lsoa21.geojson', 'utf8')) as BoundaryCollection);
    // The first vertex of an LSOA nudged inwards would depend on shape; instead use the LSOA a
    // police.uk point is published with: 53.774410, -1.544854 is in E01011312.
    expect(leeds.locate(-1.544854, 53.77441)).toBe('E01011312');
    expect(leeds.locate(-0.114954, 51.518632)).toBeNull(); // London
    expect(leeds.district('E01011312')).toBe('E08000035');
    // Bradford district: an LSOA of Bradford's coarser boundaries
    const bradford = leeds.locate(-1.84507, 53.858159);
    expect(bradford).toMatch(/^E01/);
    expect(leeds.district(bradford!)).toBe('E08000032');
    expect(leeds.locate(-2.2426, 53.4808)).toBeNull(); // Manchester
  });

  it('prefers the area listed first where two overlap (Leeds’s finer boundaries over a neighbour’s coarse ones)', () => {
    const square = (code: string, lad: string, x0: number) => ({
      properties: { code, lad },
      geometry: { type: 'Polygon' as const, coordinates: [[[x0, 0], [x0 + 2, 0], [x0 + 2, 2], [x0, 2], [x0, 0]]] },
    });
    const both = createLocator({ features: [square('FINE', 'L', 0), square('COARSE', 'B', 1)] });
    expect(both.locate(1.5, 1)).toBe('FINE'); // in both
    expect(both.locate(2.5, 1)).toBe('COARSE');
    const reversed = createLocator({ features: [square('COARSE', 'B', 1), square('FINE', 'L', 0)] });
    expect(reversed.locate(1.5, 1)).toBe('COARSE');
    expect(both.district('COARSE')).toBe('B');
    expect(both.district('NOWHERE')).toBeNull();
  });
});
