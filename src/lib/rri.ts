// The relative rate index (product spec): a group's rate divided by the White group's rate, with
// a 95% interval exp(ln RRI ± 1.96·√(1/a + 1/b)) where a and b are the two counts; 0.5 is added
// to each count when either is zero.

export interface Rri {
  rri: number;
  lower: number;
  upper: number;
  /** the interval lies wholly above or below 1 */
  excludesOne: boolean;
  /** 0.5 was added to both counts */
  corrected: boolean;
}

export function ratePer1000(count: number, population: number): number | null {
  return population > 0 ? (count / population) * 1000 : null;
}

/** RRI of a group (count a of population popA) against the reference group (b of popB). */
export function relativeRateIndex(a: number, popA: number, b: number, popB: number): Rri | null {
  if (!(popA > 0 && popB > 0)) return null;
  const corrected = a === 0 || b === 0;
  const ca = corrected ? a + 0.5 : a;
  const cb = corrected ? b + 0.5 : b;
  const rri = ca / popA / (cb / popB);
  const se = Math.sqrt(1 / ca + 1 / cb);
  const lower = Math.exp(Math.log(rri) - 1.96 * se);
  const upper = Math.exp(Math.log(rri) + 1.96 * se);
  return { rri, lower, upper, excludesOne: lower > 1 || upper < 1, corrected };
}

/** Plain words for an RRI: "3.1 times the White rate (95% CI 2.4 to 4.0): a real difference". */
export function describeRri(r: Rri, format: (n: number) => string): string {
  const verdict = r.excludesOne ? (r.rri > 1 ? 'higher than the White group, beyond chance' : 'lower than the White group, beyond chance') : 'not clearly different from the White group';
  return `${format(r.rri)} times the White rate (95% CI ${format(r.lower)} to ${format(r.upper)}): ${verdict}`;
}
