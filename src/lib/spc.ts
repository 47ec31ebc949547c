// Statistical process control in the NHS "Making Data Count" style: an XmR chart whose natural
// process limits are mean ± 2.66 × the mean moving range, and four special-cause rules.

export type SignalRule = 'beyond-limit' | 'run' | 'trend' | 'near-limit';

export interface SpcPoint {
  value: number;
  /** the rules this point is part of */
  signals: SignalRule[];
  /** which way the special cause points: up (higher than usual) or down */
  direction: 'up' | 'down' | null;
}

export interface SpcResult {
  mean: number;
  meanMovingRange: number;
  upper: number;
  lower: number;
  points: SpcPoint[];
}

export const RUN_LENGTH = 7;
export const TREND_LENGTH = 6;

export const RULE_WORDS: Record<SignalRule, string> = {
  'beyond-limit': 'a point beyond a process limit',
  run: `a run of ${RUN_LENGTH} or more points on one side of the mean`,
  trend: `${TREND_LENGTH} or more points in a row each rising (or each falling)`,
  'near-limit': '2 of 3 points in a row close to a limit (beyond two sigma)',
};

/** The XmR chart for a series (at least two points); the limits use every point given. */
export function spc(values: readonly number[]): SpcResult {
  const n = values.length;
  const mean = n ? values.reduce((a, b) => a + b, 0) / n : 0;
  const ranges = values.slice(1).map((v, i) => Math.abs(v - values[i]!));
  const meanMovingRange = ranges.length ? ranges.reduce((a, b) => a + b, 0) / ranges.length : 0;
  const upper = mean + 2.66 * meanMovingRange;
  const lower = mean - 2.66 * meanMovingRange;
  // two sigma: sigma is the mean moving range / 1.128, so 2.66 × mR̄ is three sigma
  const nearUpper = mean + (2 / 3) * 2.66 * meanMovingRange;
  const nearLower = mean - (2 / 3) * 2.66 * meanMovingRange;
  const points: SpcPoint[] = values.map((value) => ({ value, signals: [], direction: null }));
  const mark = (i: number, rule: SignalRule, direction: 'up' | 'down') => {
    const p = points[i]!;
    if (!p.signals.includes(rule)) p.signals.push(rule);
    p.direction ??= direction;
  };
  if (meanMovingRange > 0) {
    values.forEach((v, i) => {
      if (v > upper) mark(i, 'beyond-limit', 'up');
      else if (v < lower) mark(i, 'beyond-limit', 'down');
    });
  }
  // runs on one side of the mean; a point on the mean ends a run
  const side = (k: number) => Math.sign(values[k]! - mean);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && side(j) === side(i)) j++;
    if (side(i) !== 0 && j - i >= RUN_LENGTH) for (let k = i; k < j; k++) mark(k, 'run', side(i) > 0 ? 'up' : 'down');
    i = j;
  }
  // trends: consecutive points each strictly above (or below) the one before
  for (const dir of [1, -1] as const) {
    let from = 0;
    for (let i = 1; i <= n; i++) {
      const continues = i < n && Math.sign(values[i]! - values[i - 1]!) === dir;
      if (!continues) {
        if (i - from >= TREND_LENGTH) for (let k = from; k < i; k++) mark(k, 'trend', dir > 0 ? 'up' : 'down');
        from = i;
      }
    }
  }
  // two of three consecutive points beyond two sigma on the same side
  if (meanMovingRange > 0) {
    for (let i = 0; i + 2 < n; i++) {
      for (const [test, dir] of [[(v: number) => v > nearUpper, 'up'], [(v: number) => v < nearLower, 'down']] as const) {
        const hits = [i, i + 1, i + 2].filter((k) => test(values[k]!));
        if (hits.length >= 2) hits.forEach((k) => mark(k, 'near-limit', dir));
      }
    }
  }
  return { mean, meanMovingRange, upper, lower, points };
}

/** How many points at the end of the series lie beyond the upper (or lower) limit, in a row. */
export function pointsBeyondAtEnd(result: SpcResult, side: 'up' | 'down'): number {
  let k = 0;
  for (let i = result.points.length - 1; i >= 0; i--) {
    const v = result.points[i]!.value;
    if (side === 'up' ? v > result.upper : v < result.lower) k++;
    else break;
  }
  return k;
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${s}`;
}

export interface Judgement {
  /** "concern" when higher than usual, "improvement" when lower (for violence, fewer is better) */
  tone: 'normal' | 'concern' | 'improvement';
  words: string;
}

/** A plain-words judgement of the last point of a series. */
export function judgeLatest(result: SpcResult): Judgement {
  const last = result.points[result.points.length - 1];
  if (!last || last.signals.length === 0) return { tone: 'normal', words: 'within normal variation' };
  const up = last.direction === 'up';
  const tone = up ? 'concern' : 'improvement';
  if (last.signals.includes('beyond-limit')) {
    const k = pointsBeyondAtEnd(result, up ? 'up' : 'down');
    const base = up ? 'unusually high' : 'unusually low';
    const where = up ? 'above the upper limit' : 'below the lower limit';
    return { tone, words: k > 1 ? `${base}: ${ordinal(k)} month in a row ${where}` : `${base}: ${where}` };
  }
  if (last.signals.includes('trend')) return { tone, words: up ? 'rising: 6 or more months of increases in a row' : 'falling: 6 or more months of decreases in a row' };
  if (last.signals.includes('run')) return { tone, words: up ? 'a sustained rise: 7 or more months above the mean' : 'a sustained fall: 7 or more months below the mean' };
  return { tone, words: up ? 'higher than usual: 2 of the last 3 months close to the upper limit' : 'lower than usual: 2 of the last 3 months close to the lower limit' };
}

export interface SignalSpan {
  from: number;
  to: number;
  rule: SignalRule;
  direction: 'up' | 'down';
}

/** Consecutive points flagged by the same rule in the same direction, as spans of indexes. */
export function signalSpans(result: SpcResult): SignalSpan[] {
  const spans: SignalSpan[] = [];
  for (const rule of ['beyond-limit', 'run', 'trend', 'near-limit'] as const) {
    let open: SignalSpan | null = null;
    result.points.forEach((p, i) => {
      const hit = p.signals.includes(rule) && p.direction !== null;
      if (hit && open && open.to === i - 1 && open.direction === p.direction) open.to = i;
      else if (hit) spans.push((open = { from: i, to: i, rule, direction: p.direction! }));
    });
  }
  return spans.sort((a, b) => a.from - b.from || a.rule.localeCompare(b.rule));
}

/** A span in plain words, e.g. "above the mean for 7 or more months". */
export function describeSpan(span: SignalSpan): string {
  const up = span.direction === 'up';
  switch (span.rule) {
    case 'beyond-limit':
      return up ? 'unusually high: above the upper limit' : 'unusually low: below the lower limit';
    case 'run':
      return up ? `above the mean for ${RUN_LENGTH} or more months in a row` : `below the mean for ${RUN_LENGTH} or more months in a row`;
    case 'trend':
      return up ? `rising ${TREND_LENGTH} or more months in a row` : `falling ${TREND_LENGTH} or more months in a row`;
    case 'near-limit':
      return up ? '2 of 3 months close to the upper limit' : '2 of 3 months close to the lower limit';
  }
}
