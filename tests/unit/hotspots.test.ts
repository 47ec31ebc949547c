import { describe, expect, it } from 'vitest';
import { classOf, classify, giStar, quantileBreaks, queenNeighbours, type AreaGeometry } from '@/lib/hotspots';

// A 4 × 4 grid of unit squares, codes c0…c15 row by row.
const grid: AreaGeometry[] = Array.from({ length: 16 }, (_, i) => {
  const r = Math.floor(i / 4);
  const c = i % 4;
  return { code: `c${i}`, geometry: { type: 'Polygon', coordinates: [[[c, r], [c + 1, r], [c + 1, r + 1], [c, r + 1], [c, r]]] } };
});

describe('queen contiguity', () => {
  it('makes areas sharing an edge or a corner neighbours', () => {
    const nb = queenNeighbours(grid);
    expect([...nb.get('c0')!].sort()).toEqual(['c1', 'c4', 'c5']);
    expect(nb.get('c5')!.size).toBe(8);
    expect(nb.get('c15')!.has('c10')).toBe(true);
    expect(nb.get('c15')!.has('c5')).toBe(false);
  });
});

describe('Getis–Ord Gi*', () => {
  it('matches the grid worked by hand', () => {
    // a hot 2 × 2 corner (10s), 1 elsewhere, 0 in the far corner: mean 51/16 = 3.1875,
    // S = √(411/16 − 3.1875²) = 3.94048. For c0: neighbourhood {c0, c1, c4, c5} sums 40, w = 4:
    // z = (40 − 3.1875 × 4) / (3.94048 × √((16×4 − 16)/15)) = 27.25 / 7.04895 = 3.8658
    const x = [10, 10, 1, 1, 10, 10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0];
    const values = new Map(x.map((v, i) => [`c${i}`, v]));
    const z = new Map(giStar(values, queenNeighbours(grid)).map((g) => [g.code, g]));
    expect(z.get('c0')!.z).toBeCloseTo(3.8658, 4);
    expect(z.get('c1')!.z).toBeCloseTo(2.9026, 4); // 42 over 6 areas
    expect(z.get('c5')!.z).toBeCloseTo(2.02, 4); // 45 over 9
    expect(z.get('c10')!.z).toBeCloseTo(-1.4473, 4); // 17 over 9
    expect(z.get('c11')!.z).toBeCloseTo(-1.7923, 4); // 5 over 6
    expect([0, 1, 5, 7, 10, 11].map((i) => z.get(`c${i}`)!.cls)).toEqual(['hot-99', 'hot-99', 'hot-95', 'cold-90', 'none', 'cold-90']);
  });

  it('has no z-score when every value is the same', () => {
    expect(giStar(new Map(grid.map((g) => [g.code, 3])), queenNeighbours(grid)).every((g) => g.z === null && g.cls === 'none')).toBe(true);
  });

  it('classifies by two-sided critical values', () => {
    expect([2.6, 2.0, 1.7, 1.6, -1.7, -2.0, -2.6].map(classify)).toEqual(['hot-99', 'hot-95', 'hot-90', 'none', 'cold-90', 'cold-95', 'cold-99']);
  });
});

describe('quantile classes', () => {
  it('split the areas into classes of about equal size', () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantileBreaks(v, 5)).toEqual([3, 5, 7, 9]);
    expect(v.map((x) => classOf(x, [3, 5, 7, 9]))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('have no empty lowest class when many areas share the smallest value', () => {
    // cut points fall at the 3rd, 5th, 7th and 9th values: 0, 0, 1, 3; the two 0s collapse, and a
    // break at the smallest value (0) would leave class 0 without a single area
    const v = [0, 0, 0, 0, 0, 0, 1, 2, 3, 4];
    expect(quantileBreaks(v, 5)).toEqual([1, 3]);
    expect(v.map((x) => classOf(x, [1, 3]))).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 2, 2]);
    expect(quantileBreaks([2, 2, 2], 5)).toEqual([]);
  });
});
