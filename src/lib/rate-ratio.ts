// The statistics of an evaluation (docs/methods.md, "Evaluating an intervention"): the ratio of
// rate ratios of a difference-in-differences on counts, its interval, the smallest change the
// counts could detect, and the before-period trend of the intervention/comparison ratio.

/** 1.96: the normal quantile for a two-sided 95% interval. */
export const Z_95 = 1.96;
/** 0.84: the normal quantile for 80% power. */
export const Z_POWER_80 = 0.84;

export interface FourCounts {
  /** intervention areas, before */
  iBefore: number;
  /** intervention areas, after */
  iAfter: number;
  /** comparison areas, before */
  cBefore: number;
  /** comparison areas, after */
  cAfter: number;
}

export interface RateRatioResult {
  /** (I_after / I_before) ÷ (C_after / C_before) */
  rrr: number;
  lower: number;
  upper: number;
  /** the standard error of ln RRR: √(1/a + 1/b + 1/c + 1/d) */
  se: number;
  /** the interval lies wholly above or below 1 */
  beyondChance: boolean;
}

export type Computed<T> = { ok: true; value: T } | { ok: false; reason: string };

const COUNT_NAMES: Record<keyof FourCounts, string> = {
  iBefore: 'the intervention areas have no records in the before period',
  iAfter: 'the intervention areas have no records in the after period',
  cBefore: 'the comparison areas have no records in the before period',
  cAfter: 'the comparison areas have no records in the after period',
};

function zeroReason(counts: Partial<FourCounts>): string | null {
  const empty = (Object.keys(COUNT_NAMES) as (keyof FourCounts)[]).filter((k) => k in counts && !(Number(counts[k]) > 0));
  return empty.length ? `The ratio cannot be computed: ${empty.map((k) => COUNT_NAMES[k]).join(', and ')}.` : null;
}

/**
 * The ratio of rate ratios with its 95% interval exp(ln RRR ± 1.96·√(1/a + 1/b + 1/c + 1/d)).
 * Populations cancel (each group's population is the same in both periods), and so does a period
 * cut short by the end of the data, as long as both groups lose the same months.
 */
export function ratioOfRateRatios(c: FourCounts): Computed<RateRatioResult> {
  const reason = zeroReason(c);
  if (reason) return { ok: false, reason };
  const rrr = c.iAfter / c.iBefore / (c.cAfter / c.cBefore);
  const se = Math.sqrt(1 / c.iBefore + 1 / c.iAfter + 1 / c.cBefore + 1 / c.cAfter);
  const lower = Math.exp(Math.log(rrr) - Z_95 * se);
  const upper = Math.exp(Math.log(rrr) + Z_95 * se);
  return { ok: true, value: { rrr, lower, upper, se, beyondChance: lower > 1 || upper < 1 } };
}

export interface DetectableChange {
  /** the smallest fall detectable, as a share (0.3 = a fall of 30%) */
  fall: number;
  /** the smallest rise detectable, as a share */
  rise: number;
  se: number;
}

/**
 * The minimum detectable effect at 95% confidence and 80% power, from the before counts alone:
 * the after counts are taken to equal the before counts scaled by afterMonths / beforeMonths (no
 * change), so SE = √(1/a + 1/(a·k) + 1/c + 1/(c·k)) and the detectable ratios are
 * exp(±(1.96 + 0.84)·SE).
 */
export function minimumDetectableEffect(iBefore: number, cBefore: number, lengthRatio = 1): Computed<DetectableChange> {
  const reason = zeroReason({ iBefore, cBefore });
  if (reason) return { ok: false, reason: reason.replace('The ratio cannot', 'The detectable change cannot') };
  if (!(lengthRatio > 0)) return { ok: false, reason: 'The detectable change cannot be computed: the after period has no months.' };
  const se = Math.sqrt(1 / iBefore + 1 / (iBefore * lengthRatio) + 1 / cBefore + 1 / (cBefore * lengthRatio));
  const k = (Z_95 + Z_POWER_80) * se;
  return { ok: true, value: { fall: 1 - Math.exp(-k), rise: Math.exp(k) - 1, se } };
}

export interface TrendResult {
  /** the change of ln(I/C) per month */
  slope: number;
  lower: number;
  upper: number;
  se: number;
  months: number;
  /** the interval lies wholly above or below 0: the groups were already diverging */
  diverging: boolean;
  /** the residual variance was larger than Poisson variation alone and widened the interval */
  overdispersion: number;
}

/**
 * The before-period trend of the intervention/comparison ratio: a weighted least-squares line
 * through ln(I_m / C_m) by month, each month weighted by 1 / (1/I_m + 1/C_m) (the inverse of its
 * Poisson variance). 0.5 is added to both counts of a month where either is zero. The slope's
 * standard error is √(φ / Σw(x − x̄)²), with φ = max(1, Σw·r² / (n − 2)) so that months varying
 * more than Poisson counts would widen it (never narrow it).
 */
export function preTrend(months: readonly { intervention: number; comparison: number }[]): Computed<TrendResult> {
  const n = months.length;
  if (n < 3) return { ok: false, reason: 'The trend needs at least three months before the start.' };
  if (months.every((m) => m.intervention === 0) || months.every((m) => m.comparison === 0))
    return { ok: false, reason: `The trend cannot be computed: the ${months.every((m) => m.intervention === 0) ? 'intervention' : 'comparison'} areas have no records before the start.` };
  const xs: number[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  months.forEach((m, x) => {
    const zero = m.intervention === 0 || m.comparison === 0;
    const i = zero ? m.intervention + 0.5 : m.intervention;
    const c = zero ? m.comparison + 0.5 : m.comparison;
    xs.push(x);
    ys.push(Math.log(i / c));
    ws.push(1 / (1 / i + 1 / c));
  });
  const sw = ws.reduce((s, w) => s + w, 0);
  const xBar = xs.reduce((s, x, k) => s + ws[k]! * x, 0) / sw;
  const yBar = ys.reduce((s, y, k) => s + ws[k]! * y, 0) / sw;
  let sxx = 0;
  let sxy = 0;
  for (let k = 0; k < n; k++) {
    sxx += ws[k]! * (xs[k]! - xBar) ** 2;
    sxy += ws[k]! * (xs[k]! - xBar) * (ys[k]! - yBar);
  }
  const slope = sxy / sxx;
  let rss = 0;
  for (let k = 0; k < n; k++) rss += ws[k]! * (ys[k]! - yBar - slope * (xs[k]! - xBar)) ** 2;
  const overdispersion = Math.max(1, rss / (n - 2));
  const se = Math.sqrt(overdispersion / sxx);
  const lower = slope - Z_95 * se;
  const upper = slope + Z_95 * se;
  return { ok: true, value: { slope, lower, upper, se, months: n, diverging: lower > 0 || upper < 0, overdispersion } };
}
