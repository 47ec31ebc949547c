import { describe, expect, it } from 'vitest';
import { ratePer1000, relativeRateIndex } from '@/lib/rri';

describe('relative rate index', () => {
  it('divides the rates and builds the interval from the two counts', () => {
    // Black 90 of 45,000 (2.0 per 1,000); White 600 of 600,000 (1.0 per 1,000): RRI 2.
    // se = √(1/90 + 1/600) = √0.012778 = 0.113039; 1.96 × se = 0.221557
    // interval exp(ln 2 ± 0.221557) = 2 × e^±0.221557 = 1.6025 to 2.4960
    const r = relativeRateIndex(90, 45_000, 600, 600_000)!;
    expect(r.rri).toBeCloseTo(2, 10);
    expect(r.lower).toBeCloseTo(1.6025, 3);
    expect(r.upper).toBeCloseTo(2.496, 3);
    expect(r.excludesOne).toBe(true);
    expect(r.corrected).toBe(false);
    expect(ratePer1000(90, 45_000)).toBeCloseTo(2, 10);
  });

  it('a small count gives a wide interval that may include 1', () => {
    // 3 of 1,000 against 600 of 600,000: RRI 3; se = √(1/3 + 1/600) = 0.578792; 1.96 × se = 1.134432
    // interval 3 × e^±1.134432 = 0.9648 to 9.3282: it includes 1
    const r = relativeRateIndex(3, 1_000, 600, 600_000)!;
    expect(r.rri).toBeCloseTo(3, 10);
    expect(r.lower).toBeCloseTo(0.9648, 3);
    expect(r.upper).toBeCloseTo(9.3282, 3);
    expect(r.excludesOne).toBe(false);
  });

  it('adds 0.5 to both counts when either is zero', () => {
    // (0.5 / 20,000) / (40.5 / 600,000) = 0.000025 / 0.0000675 = 0.37037
    // se = √(1/0.5 + 1/40.5) = √2.024691 = 1.422916; interval 0.37037 × e^±2.788916 = 0.02277 to 6.0235
    const r = relativeRateIndex(0, 20_000, 40, 600_000)!;
    expect(r.corrected).toBe(true);
    expect(r.rri).toBeCloseTo(0.37037, 4);
    expect(r.lower).toBeCloseTo(0.02277, 4);
    expect(r.upper).toBeCloseTo(6.0235, 3);
    expect(r.excludesOne).toBe(false);
  });

  it('has no value without both populations', () => {
    expect(relativeRateIndex(5, 0, 10, 1000)).toBeNull();
    expect(ratePer1000(5, 0)).toBeNull();
  });
});
