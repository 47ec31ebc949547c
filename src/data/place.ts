import Flatbush from 'flatbush';

type Ring = number[][];
type PolygonCoords = Ring[];

export interface BoundaryFeature {
  properties: { code: string; name?: string; lad?: string };
  geometry: { type: 'Polygon'; coordinates: PolygonCoords } | { type: 'MultiPolygon'; coordinates: PolygonCoords[] };
}

export interface BoundaryCollection {
  features: readonly BoundaryFeature[];
}

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!;
    const yi = ring[i]![1]!;
    const xj = ring[j]![0]!;
    const yj = ring[j]![1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(x: number, y: number, polygon: PolygonCoords): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || !inRing(x, y, outer)) return false;
  return !holes.some((h) => inRing(x, y, h));
}

export interface Locator {
  /** The code of the area containing the point, or null; where areas overlap, the one listed first. */
  locate(lon: number, lat: number): string | null;
  /** The district (`lad` property) of an area, or null. */
  district(code: string): string | null;
  /** The area whose boundary is within `metres` of a point that lies in none, or null. */
  nearest(lon: number, lat: number, metres: number): string | null;
}

const M_PER_DEG_LAT = 111_320;

/** Distance in metres from a point to a segment, on a local flat projection (fine at these scales). */
function segmentDistance(x: number, y: number, ax: number, ay: number, bx: number, by: number, kx: number): number {
  const px = (x - ax) * kx;
  const py = (y - ay) * M_PER_DEG_LAT;
  const dx = (bx - ax) * kx;
  const dy = (by - ay) * M_PER_DEG_LAT;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
  return Math.hypot(px - t * dx, py - t * dy);
}

/** A point-in-polygon index: bounding boxes in a static R-tree, then an exact ring test. */
export function createLocator(collection: BoundaryCollection): Locator {
  const polys: { code: string; polygons: PolygonCoords[] }[] = collection.features.map((f) => ({
    code: f.properties.code,
    polygons: f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates,
  }));
  const index = new Flatbush(Math.max(1, polys.length));
  for (const p of polys) {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const poly of p.polygons)
      for (const pt of poly[0] ?? []) {
        x0 = Math.min(x0, pt[0]!);
        y0 = Math.min(y0, pt[1]!);
        x1 = Math.max(x1, pt[0]!);
        y1 = Math.max(y1, pt[1]!);
      }
    index.add(x0, y0, x1, y1);
  }
  if (polys.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  const districts = new Map(collection.features.map((f) => [f.properties.code, f.properties.lad ?? null]));
  return {
    locate(lon, lat) {
      // Leeds's finer boundaries are listed before the coarse ones of its neighbours, which may
      // overlap them: the first listed wins
      let first = Infinity;
      for (const i of index.search(lon, lat, lon, lat)) {
        const p = polys[i];
        if (i < first && p && p.polygons.some((poly) => inPolygon(lon, lat, poly))) first = i;
      }
      return polys[first]?.code ?? null;
    },
    district(code) {
      return districts.get(code) ?? null;
    },
    nearest(lon, lat, metres) {
      const kx = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
      const dLon = metres / kx;
      const dLat = metres / M_PER_DEG_LAT;
      let best: { code: string; d: number } | null = null;
      for (const i of index.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
        const p = polys[i]!;
        for (const poly of p.polygons)
          for (const ring of poly)
            for (let k = 1; k < ring.length; k++) {
              const a = ring[k - 1]!;
              const b = ring[k]!;
              const d = segmentDistance(lon, lat, a[0]!, a[1]!, b[0]!, b[1]!, kx);
              if (d <= metres && (!best || d < best.d)) best = { code: p.code, d };
            }
      }
      return best?.code ?? null;
    },
  };
}
