import { describe, expect, it } from 'vitest';
import { funnelLines, funnelPlace, gammaP, gammaQuantile, lnGamma, poissonLimits } from '@/lib/funnel';

// Reference values: published tables of exact Poisson limits (for 10 events, 95%: 4.795 to 18.390)
// and a statistics package's gamma function, computed apart from this code.

describe('the gamma function and its quantiles', () => {
  it('ln Γ and the regularised incomplete gamma match reference values', () => {
    expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 10);
    expect(lnGamma(0.3)).toBeCloseTo(1.0957979948, 9);
    expect(gammaP(3, 2)).toBeCloseTo(0.3233235838, 9);
    expect(gammaP(10, 15)).toBeCloseTo(0.9301463393, 9);
    expect(gammaP(0.5, 0.1)).toBeCloseTo(0.345279154, 8);
  });

  it('inverts P: the quantile of a gamma distribution', () => {
    expect(gammaQuantile(0.025, 10)).toBeCloseTo(4.7953887, 6);
    expect(gammaQuantile(0.975, 11)).toBeCloseTo(18.3903560, 6);
    expect(gammaQuantile(0.975, 1)).toBeCloseTo(3.6888795, 6);
    expect(gammaQuantile(0.025, 2500)).toBeCloseTo(2402.952365, 4);
  });
});

describe('exact Poisson limits', () => {
  it('for an expected count of 10: 95% limits 4.795 to 18.390, 99.8% limits 2.961 to 24.134', () => {
    const n95 = poissonLimits(10, 0.95);
    const n998 = poissonLimits(10, 0.998);
    expect(n95.lower).toBeCloseTo(4.7954, 4);
    expect(n95.upper).toBeCloseTo(18.3904, 4);
    expect(n998.lower).toBeCloseTo(2.9605, 4);
    expect(n998.upper).toBeCloseTo(24.1340, 4);
  });

  it('an expected count of 0 has a lower limit of 0', () => {
    expect(poissonLimits(0, 0.95)).toEqual({ lower: 0, upper: gammaQuantile(0.975, 1) });
  });

  it('places an observed count against them', () => {
    expect(funnelPlace(10, 10)).toBe('within');
    expect(funnelPlace(18, 10)).toBe('within');
    expect(funnelPlace(19, 10)).toBe('above 95%');
    expect(funnelPlace(25, 10)).toBe('above 99.8%');
    expect(funnelPlace(4, 10)).toBe('below 95%');
    expect(funnelPlace(2, 10)).toBe('below 99.8%');
  });
});

describe('the funnel’s lines', () => {
  it('are rates per 1,000 around the region’s rate, narrowing as the population grows', () => {
    // 10 per 1,000: at 1,000 residents 10 expected, so 4.795 to 18.390 per 1,000
    const lines = funnelLines(10, 1000, 250000, 3);
    expect(lines.map((l) => l.population)).toEqual([1000, 15811, 250000]);
    expect(lines[0]!.lower95).toBeCloseTo(4.7954, 4);
    expect(lines[0]!.upper95).toBeCloseTo(18.3904, 4);
    // at 250,000 residents, 2,500 expected: 2,402.95 to 2,599.96, so 9.612 to 10.400 per 1,000
    expect(lines[2]!.lower95).toBeCloseTo(9.61181, 4);
    expect(lines[2]!.upper95).toBeCloseTo(10.39985, 4);
    expect(lines[2]!.upper998).toBeGreaterThan(lines[2]!.upper95);
  });

  it('are none for a population range that makes no sense', () => {
    expect(funnelLines(10, 0, 100)).toEqual([]);
    expect(funnelLines(10, 500, 100)).toEqual([]);
  });
});

describe('areas on the funnel', () => {
  // three areas, 1,000 + 1,000 + 8,000 residents and 10 + 25 + 45 records: Leeds's rate is 80 / 10,000 = 8 per 1,000
  const areas = [
    { code: 'A', name: 'Small, high', population: 1000, imd_decile: 1, n: 25, health_linkable: 0, health_only: 0 },
    { code: 'B', name: 'Small, ordinary', population: 1000, imd_decile: 5, n: 10, health_linkable: 0, health_only: 0 },
    { code: 'C', name: 'Large, low', population: 8000, imd_decile: 9, n: 45, health_linkable: 0, health_only: 0 },
  ];

  it('each against the count its residents would give at the Leeds rate', async () => {
    const { funnelOf } = await import('@/features/places/funnel-panel');
    const f = funnelOf(areas, 'Ward', false, 'Leeds')!;
    expect(f.rate).toBeCloseTo(8, 10);
    // A: 8 expected, 25 seen: the 99.8% upper limit for 8 is 21.16 (the gamma quantile 0.999 of shape 9), so beyond it
    // B: 8 expected, 10 seen: within. C: 64 expected, 45 seen: the 95% lower limit for 64 is 49.29, the 99.8% one 42.09
    expect(f.table.rows.map((r) => [r.code, r.expected, r.place])).toEqual([
      ['A', 8, 'Higher than Leeds, beyond the 99.8% limit'],
      ['B', 8, 'Within the limits: no different from Leeds beyond chance'],
      ['C', 64, 'Lower than Leeds, beyond the 95% limit'],
    ]);
  });

  it('in publishing mode does not place an area with 1 to 4 records', async () => {
    const { funnelOf } = await import('@/features/places/funnel-panel');
    const f = funnelOf([...areas, { code: 'D', name: 'Tiny', population: 500, imd_decile: 3, n: 3, health_linkable: 0, health_only: 0 }], 'Ward', true, 'Leeds')!;
    expect(f.table.rows.find((r) => r.code === 'D')?.place).toBe('Not shown: fewer than 5 records');
  });
});

describe('the funnel’s axis of residents', () => {
  it('has round numbers on a log scale', async () => {
    const { logTicks } = await import('@/features/places/funnel-panel');
    expect(logTicks(15000, 36000)).toEqual([15000, 20000, 30000]);
    expect(logTicks(800, 3000)).toEqual([1000, 1500, 2000, 3000]);
    expect(logTicks(0, 10)).toEqual([]);
  });
});
