import { addMonths, monthIndex } from '@/lib/months';

export interface KnifeTarget {
  baselineYear: number;
  targetYear: number;
  /** knife-involved records in the baseline calendar year */
  baseline: number;
  /** half the baseline */
  target: number;
  /** the 12 months to `month` */
  current: number;
  /** reduction achieved so far, as a share of the baseline (negative when it rose) */
  reduction: number | null;
  /** where a straight line from the baseline (end of its year) to the target (end of the target year) stands at `month` */
  onTrajectory: number;
  onTrack: boolean;
  /** the yearly fall still needed from now to reach the target by the end of the target year */
  neededPerYear: number | null;
  monthsLeft: number;
}

export function sumMonths(totals: ReadonlyMap<string, number>, from: string, to: string): number {
  let s = 0;
  for (const [m, n] of totals) if (m >= from && m <= to) s += n;
  return s;
}

/** Progress towards halving knife-involved violence from a baseline year by a target year. */
export function knifeTarget(totals: ReadonlyMap<string, number>, baselineYear: number, targetYear: number, month: string): KnifeTarget {
  const baseline = sumMonths(totals, `${baselineYear}-01`, `${baselineYear}-12`);
  const target = baseline / 2;
  const current = sumMonths(totals, addMonths(month, -11), month);
  const startIdx = monthIndex(`${baselineYear}-12`);
  const endIdx = monthIndex(`${targetYear}-12`);
  const total = endIdx - startIdx;
  const elapsed = Math.min(Math.max(monthIndex(month) - startIdx, 0), total);
  const onTrajectory = total > 0 ? baseline - (baseline - target) * (elapsed / total) : target;
  const monthsLeft = Math.max(endIdx - monthIndex(month), 0);
  return {
    baselineYear,
    targetYear,
    baseline,
    target,
    current,
    reduction: baseline > 0 ? (baseline - current) / baseline : null,
    onTrajectory,
    onTrack: current <= onTrajectory,
    neededPerYear: monthsLeft > 0 ? ((current - target) * 12) / monthsLeft : null,
    monthsLeft,
  };
}
