import { describe, expect, it } from 'vitest';
import { minimumDetectableEffect, preTrend, ratioOfRateRatios } from '@/lib/rate-ratio';

// Expected numbers worked out by hand (a calculator, independently of this code).

describe('ratio of rate ratios', () => {
  it('gives (60/100) ÷ (380/400) = 0.6316 with 95% CI 0.4453 to 0.8958', () => {
    // SE = √(1/100 + 1/60 + 1/400 + 1/380) = √0.0317982 = 0.178321
    const r = ratioOfRateRatios({ iBefore: 100, iAfter: 60, cBefore: 400, cAfter: 380 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.rrr).toBeCloseTo(0.631579, 6);
    expect(r.value.se).toBeCloseTo(0.178321, 6);
    expect(r.value.lower).toBeCloseTo(0.445285, 5);
    expect(r.value.upper).toBeCloseTo(0.895813, 5);
    expect(r.value.beyondChance).toBe(true);
  });

  it('calls an interval that spans 1 chance', () => {
    // (45/50) ÷ (100/100) = 0.9, SE = √(1/50 + 1/45 + 1/100 + 1/100) = √0.062222 = 0.249444, upper = 0.9·e^0.488911 = 1.46748
    const r = ratioOfRateRatios({ iBefore: 50, iAfter: 45, cBefore: 100, cAfter: 100 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.rrr).toBeCloseTo(0.9, 10);
    expect(r.value.upper).toBeCloseTo(1.46748, 4);
    expect(r.value.beyondChance).toBe(false);
  });

  it('says which count is zero instead of giving Infinity or NaN', () => {
    const r = ratioOfRateRatios({ iBefore: 12, iAfter: 0, cBefore: 0, cAfter: 30 });
    expect(r).toEqual({
      ok: false,
      reason: 'The ratio cannot be computed: the intervention areas have no records in the after period, and the comparison areas have no records in the before period.',
    });
  });
});

describe('minimum detectable effect', () => {
  it('from before counts of 100 and 400: SE √(2/100 + 2/400) = 0.158114, a fall of 35.8% or a rise of 55.7%', () => {
    const m = minimumDetectableEffect(100, 400);
    if (!m.ok) throw new Error(m.reason);
    expect(m.value.se).toBeCloseTo(0.158114, 6);
    expect(m.value.fall).toBeCloseTo(0.357712, 5);
    expect(m.value.rise).toBeCloseTo(0.556935, 5);
  });

  it('a shorter after period makes the detectable change larger', () => {
    // k = 0.5: SE = √(1/100 + 1/50 + 1/400 + 1/200) = √0.0375 = 0.193649; fall = 1 − e^(−2.8·0.193649) = 0.418543
    const m = minimumDetectableEffect(100, 400, 0.5);
    if (!m.ok) throw new Error(m.reason);
    expect(m.value.se).toBeCloseTo(0.193649, 6);
    expect(m.value.fall).toBeCloseTo(0.418543, 5);
  });

  it('cannot be worked out when the intervention areas had no records before', () => {
    const m = minimumDetectableEffect(0, 40);
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.reason).toBe('The detectable change cannot be computed: the intervention areas have no records in the before period.');
  });
});

describe('before-period trend of the intervention/comparison ratio', () => {
  it('a steady rise of the ratio is a divergence: slope 0.2325 a month (95% CI 0.1424 to 0.3226)', () => {
    const months = [20, 30, 40, 50, 60, 70].map((intervention) => ({ intervention, comparison: 100 }));
    const t = preTrend(months);
    if (!t.ok) throw new Error(t.reason);
    expect(t.value.slope).toBeCloseTo(0.232515, 5);
    expect(t.value.se).toBeCloseTo(0.045982, 5);
    expect(t.value.lower).toBeCloseTo(0.14239, 4);
    expect(t.value.upper).toBeCloseTo(0.322641, 4);
    expect(t.value.overdispersion).toBe(1);
    expect(t.value.diverging).toBe(true);
  });

  it('months that jump about more than Poisson counts widen the interval (φ = 4.389)', () => {
    const months = [10, 30, 10, 30, 10].map((intervention) => ({ intervention, comparison: 20 }));
    const t = preTrend(months);
    if (!t.ok) throw new Error(t.reason);
    expect(t.value.slope).toBeCloseTo(0, 10);
    expect(t.value.overdispersion).toBeCloseTo(4.388905, 5);
    expect(t.value.se).toBeCloseTo(0.238229, 5);
    expect(t.value.diverging).toBe(false);
  });

  it('adds 0.5 to a month with a zero count', () => {
    const t = preTrend([
      { intervention: 0, comparison: 10 },
      { intervention: 2, comparison: 10 },
      { intervention: 4, comparison: 10 },
    ]);
    if (!t.ok) throw new Error(t.reason);
    expect(t.value.slope).toBeCloseTo(0.930494, 5);
    expect(t.value.se).toBeCloseTo(0.673908, 5);
  });

  it('needs three months and records in both groups', () => {
    expect(preTrend([{ intervention: 3, comparison: 4 }]).ok).toBe(false);
    const none = preTrend([0, 0, 0].map((c) => ({ intervention: 5, comparison: c })));
    expect(none).toEqual({ ok: false, reason: 'The trend cannot be computed: the comparison areas have no records before the start.' });
  });
});
