// Getis–Ord Gi* hot-spot statistics over areas with queen contiguity (areas that share a boundary
// point are neighbours). Gi* is a z-score: each area's neighbourhood sum (itself included) against
// what the whole map's mean and spread would give.

type Position = readonly number[];
export type PolygonCoords = readonly (readonly Position[])[];
export interface AreaGeometry {
  code: string;
  geometry: { type: 'Polygon'; coordinates: PolygonCoords } | { type: 'MultiPolygon'; coordinates: readonly PolygonCoords[] };
}

/** Neighbours by shared vertices (the boundaries keep their shared topology when simplified). */
export function queenNeighbours(areas: readonly AreaGeometry[]): Map<string, Set<string>> {
  const byVertex = new Map<string, Set<string>>();
  for (const a of areas) {
    const polys = a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates;
    for (const poly of polys)
      for (const ring of poly)
        for (const p of ring) {
          const key = `${p[0]!.toFixed(5)},${p[1]!.toFixed(5)}`;
          let set = byVertex.get(key);
          if (!set) byVertex.set(key, (set = new Set()));
          set.add(a.code);
        }
  }
  const out = new Map<string, Set<string>>(areas.map((a) => [a.code, new Set<string>()]));
  for (const codes of byVertex.values()) {
    if (codes.size < 2) continue;
    for (const a of codes) for (const b of codes) if (a !== b) out.get(a)!.add(b);
  }
  return out;
}

export type HotspotClass = 'hot-99' | 'hot-95' | 'hot-90' | 'none' | 'cold-90' | 'cold-95' | 'cold-99';

export interface GiStar {
  code: string;
  z: number | null;
  cls: HotspotClass;
}

/** Two-sided critical values of the normal distribution. */
const CRITICAL: readonly [number, '99' | '95' | '90'][] = [
  [2.576, '99'],
  [1.96, '95'],
  [1.645, '90'],
];

export function classify(z: number | null): HotspotClass {
  if (z === null) return 'none';
  for (const [c, level] of CRITICAL) {
    if (z >= c) return `hot-${level}`;
    if (z <= -c) return `cold-${level}`;
  }
  return 'none';
}

/**
 * Gi* with binary weights, each area its own neighbour:
 * (Σ w·x − x̄ Σ w) / (S · √((n Σ w² − (Σ w)²) / (n − 1))), S = √(Σ x² / n − x̄²).
 */
export function giStar(values: ReadonlyMap<string, number>, neighbours: ReadonlyMap<string, ReadonlySet<string>>): GiStar[] {
  const codes = [...values.keys()];
  const n = codes.length;
  const xs = codes.map((c) => values.get(c)!);
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(Math.max(0, xs.reduce((a, b) => a + b * b, 0) / n - mean * mean));
  return codes.map((code) => {
    const around = [code, ...[...(neighbours.get(code) ?? [])].filter((c) => values.has(c))];
    const w = around.length;
    const sum = around.reduce((a, c) => a + values.get(c)!, 0);
    const spread = (n * w - w * w) / (n - 1);
    const z = s > 0 && spread > 0 ? (sum - mean * w) / (s * Math.sqrt(spread)) : null;
    return { code, z, cls: classify(z) };
  });
}

/** Quantile class breaks: `k` classes with about as many areas in each. */
export function quantileBreaks(values: readonly number[], k: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks: number[] = [];
  for (let i = 1; i < k; i++) breaks.push(sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / k))]!);
  // a break at the smallest value would leave the lowest class empty (no value is below it), as
  // when many areas have no records: the legend then showed a "0.0 to 0.0" class with no area in it
  return [...new Set(breaks)].filter((b) => b > sorted[0]!);
}

/** The class of a value given ascending breaks: 0 below the first break, breaks.length at or above the last. */
export function classOf(value: number, breaks: readonly number[]): number {
  let i = 0;
  while (i < breaks.length && value >= breaks[i]!) i++;
  return i;
}
