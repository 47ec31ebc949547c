import type { AreaGeometry } from '@/lib/hotspots';
import type { Boundary } from '@/data/boundaries';

export type { Boundary };

export interface Feature {
  type: 'Feature';
  properties: Record<string, string | number | null>;
  geometry: AreaGeometry['geometry'] | { type: 'Point'; coordinates: [number, number] };
}

export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}

export interface LabelPoint {
  name: string;
  lon: number;
  lat: number;
}

/** [west, south, east, north] of a geometry. */
export function bbox(geometry: AreaGeometry['geometry']): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const poly of polys)
    for (const ring of poly)
      for (const p of ring) {
        w = Math.min(w, p[0]!);
        e = Math.max(e, p[0]!);
        s = Math.min(s, p[1]!);
        n = Math.max(n, p[1]!);
      }
  return [w, s, e, n];
}

/** A label point: the middle of the largest ring's box (good enough for ward names). */
export function labelPoint(b: Boundary): LabelPoint {
  const polys = b.geometry.type === 'Polygon' ? [b.geometry.coordinates] : b.geometry.coordinates;
  let best = polys[0]!;
  let bestSize = -1;
  for (const poly of polys) {
    const [w, s, e, n] = bbox({ type: 'Polygon', coordinates: poly });
    if ((e - w) * (n - s) > bestSize) {
      bestSize = (e - w) * (n - s);
      best = poly;
    }
  }
  const [w, s, e, n] = bbox({ type: 'Polygon', coordinates: best });
  return { name: b.name, lon: (w + e) / 2, lat: (s + n) / 2 };
}

export function toCollection(boundaries: readonly Boundary[], props: (b: Boundary) => Record<string, string | number | null>): FeatureCollection {
  return { type: 'FeatureCollection', features: boundaries.map((b) => ({ type: 'Feature', properties: { code: b.code, name: b.name, ...props(b) }, geometry: b.geometry })) };
}
