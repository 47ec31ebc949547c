// Funnel plots for rates (docs/methods.md, "Funnel plots"): an area's count against the count its
// population would give at the whole region's rate, with exact Poisson control limits, as in
// public-health profiles. For an expected count E, the limits of the observed count at level c are
//     lower = χ²((1 − c)/2, 2E) / 2,   upper = χ²((1 + c)/2, 2E + 2) / 2
// (the gamma quantiles below, with shape E and E + 1), so a small area's rate needs a larger
// departure before it counts as different.

/** ln Γ(x) for x > 0 (Lanczos, g = 7, nine coefficients; about 15 significant digits). */
export function lnGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The regularised lower incomplete gamma function P(a, x), for a > 0 and x ≥ 0. */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lead = a * Math.log(x) - x - lnGamma(a);
  if (x < a + 1) {
    // the series Σ xⁿ / (a (a+1) … (a+n))
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 100000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.min(1, sum * Math.exp(lead));
  }
  // the continued fraction for Q(a, x) = 1 − P(a, x), by the modified Lentz method
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return Math.max(0, 1 - Math.exp(lead) * h);
}

/** The p-quantile of the gamma distribution with shape a (scale 1): x with P(a, x) = p. */
export function gammaQuantile(p: number, a: number): number {
  if (!(p > 0)) return 0;
  if (p >= 1) return Infinity;
  if (!(a > 0)) return 0;
  let lo = 0;
  let hi = a + 10 * Math.sqrt(a) + 10;
  while (gammaP(a, hi) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (gammaP(a, mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Exact Poisson control limits of an observed count whose expected value is `expected`. */
export function poissonLimits(expected: number, level: number): { lower: number; upper: number } {
  const alpha = 1 - level;
  return { lower: expected > 0 ? gammaQuantile(alpha / 2, expected) : 0, upper: gammaQuantile(1 - alpha / 2, expected + 1) };
}

export type FunnelPlace = 'above 99.8%' | 'above 95%' | 'within' | 'below 95%' | 'below 99.8%';

/** Where an observed count falls against the limits around its expected count. */
export function funnelPlace(observed: number, expected: number): FunnelPlace {
  const wide = poissonLimits(expected, 0.998);
  const narrow = poissonLimits(expected, 0.95);
  if (observed > wide.upper) return 'above 99.8%';
  if (observed > narrow.upper) return 'above 95%';
  if (observed < wide.lower) return 'below 99.8%';
  if (observed < narrow.lower) return 'below 95%';
  return 'within';
}

export interface FunnelLine {
  population: number;
  /** rates per 1,000 at each limit */
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/**
 * The limits as rates per 1,000 at `points` populations spread evenly on a log scale from `from`
 * to `to`, around the rate `rate` per 1,000: the funnel's four lines.
 */
export function funnelLines(rate: number, from: number, to: number, points = 60): FunnelLine[] {
  if (!(from > 0 && to >= from && rate >= 0)) return [];
  const out: FunnelLine[] = [];
  for (let i = 0; i < points; i++) {
    const population = Math.round(from * Math.pow(to / from, points === 1 ? 0 : i / (points - 1)));
    const expected = (rate * population) / 1000;
    const n95 = poissonLimits(expected, 0.95);
    const n998 = poissonLimits(expected, 0.998);
    const per = (count: number) => (count / population) * 1000;
    out.push({ population, lower95: per(n95.lower), upper95: per(n95.upper), lower998: per(n998.lower), upper998: per(n998.upper) });
  }
  return out;
}
