import type { AggTable } from '@/lib/aggregate-table';
import { formatMonth, formatRate } from '@/lib/format';
import { monthIndex, monthSpine } from '@/lib/months';
import { minimumDetectableEffect, preTrend, ratioOfRateRatios, type Computed, type DetectableChange, type RateRatioResult, type TrendResult } from '@/lib/rate-ratio';
import type { AreaMonthCount, AreaProfile } from './evaluate-sql';
import { LEVEL_NAMES, periodsOf, type EvaluationParams, type Periods } from './evaluation-params';

// An evaluation worked out from plain rows: areas, their neighbours and records by area and month.

export interface Group {
  codes: string[];
  population: number;
  before: number;
  after: number;
  /** records by month, over the months with data */
  monthly: Map<string, number>;
}

export interface Candidate {
  code: string;
  name: string;
  imd: number;
  /** records per 1,000 residents over the before period's months with data */
  rate: number;
  /** how far from the intervention areas, in standard deviations of IMD decile and rate */
  distance: number;
}

export interface Evaluation {
  periods: Periods;
  /** the months of each period that the data covers */
  beforeMonths: string[];
  afterMonths: string[];
  /** what is missing from a period that runs past the data */
  coverageNotes: string[];
  intervention: Group;
  comparison: Group;
  /** areas touching the intervention areas, outside them */
  ring: Group;
  /** the comparison areas the ring is measured against: the comparison without the ring */
  ringComparison: Group;
  /** null until the after period has a month of data */
  result: Computed<RateRatioResult> | null;
  detectable: Computed<DetectableChange>;
  trend: Computed<TrendResult>;
  displacement: Computed<RateRatioResult> | null;
  /** areas named in the link that are not areas of the partnership's area at the level, left out */
  notes: string[];
  /** every area of the level with its IMD decile and before-period rate, to list the comparison */
  areas: Map<string, { name: string; imd: number; rate: number | null; before: number }>;
}

export interface DataSpanMonths {
  /** the first month with data, YYYY-MM */
  first: string;
  /** the last complete month, YYYY-MM */
  latestComplete: string;
}

/** The months from `from` to `to` that the data covers. */
function covered(from: string, to: string, span: DataSpanMonths): string[] {
  const a = from > span.first ? from : span.first;
  const b = to < span.latestComplete ? to : span.latestComplete;
  return a <= b ? monthSpine(a, b) : [];
}

const monthRange = (from: string, to: string) => (from === to ? formatMonth(from) : `${formatMonth(from)} to ${formatMonth(to)}`);

/** Whether anything stops the evaluation: the first problem, said so a user can put it right. */
export function blockingProblem(params: EvaluationParams, profiles: readonly AreaProfile[], span: DataSpanMonths | null): string | null {
  if (params.iv.length === 0 || !params.level) return 'Choose the areas the intervention covered: search for them by name or code, or click them on the map.';
  const known = new Set(profiles.map((p) => p.code));
  if (!params.iv.some((c) => known.has(c))) return `None of the intervention's areas (${params.iv.join(', ')}) is a ${LEVEL_NAMES[params.level].one} of the partnership's area.`;
  if (!params.start) return 'Choose the month the intervention started.';
  if (!span) return 'No records are loaded, so there is nothing to evaluate. Load partner extracts on the Data page.';
  const p = periodsOf(params.start, params.months);
  if (covered(p.before.from, p.before.to, span).length === 0)
    return `The start month ${formatMonth(params.start)} is outside the data: the before period (${monthRange(p.before.from, p.before.to)}) has no month with data, which runs from ${formatMonth(span.first)} to ${formatMonth(span.latestComplete)}.`;
  return null;
}

function groupOf(codes: readonly string[], profiles: ReadonlyMap<string, AreaProfile>, byArea: ReadonlyMap<string, Map<string, number>>, before: readonly string[], after: readonly string[]): Group {
  const monthly = new Map<string, number>();
  for (const m of [...before, ...after]) monthly.set(m, 0);
  let population = 0;
  for (const code of codes) {
    population += profiles.get(code)?.population ?? 0;
    const counts = byArea.get(code);
    if (!counts) continue;
    for (const [m, n] of counts) if (monthly.has(m)) monthly.set(m, monthly.get(m)! + n);
  }
  const sum = (months: readonly string[]) => months.reduce((s, m) => s + (monthly.get(m) ?? 0), 0);
  return { codes: [...codes], population, before: sum(before), after: sum(after), monthly };
}

/**
 * The comparison areas chosen automatically: of the areas of the level outside the intervention
 * and not touching it, the `size` nearest to the intervention areas taken together, by distance in
 * IMD decile and in before-period rate per 1,000, each divided by its standard deviation over
 * every area of the level (so neither scale dominates).
 */
export function matchCandidates(profiles: readonly AreaProfile[], iv: readonly string[], ring: ReadonlySet<string>, beforeByArea: ReadonlyMap<string, number>): Candidate[] {
  const rated = profiles.filter((p) => p.population > 0).map((p) => ({ ...p, rate: ((beforeByArea.get(p.code) ?? 0) / p.population) * 1000 }));
  const ivSet = new Set(iv);
  const inIv = rated.filter((p) => ivSet.has(p.code));
  const pop = inIv.reduce((s, p) => s + p.population, 0);
  if (pop === 0) return [];
  const ivImd = inIv.reduce((s, p) => s + p.imd * p.population, 0) / pop;
  const ivRate = (inIv.reduce((s, p) => s + (beforeByArea.get(p.code) ?? 0), 0) / pop) * 1000;
  const sd = (xs: number[]) => {
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const v = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, xs.length - 1));
    return v > 0 ? v : 1;
  };
  const sdImd = sd(rated.map((p) => p.imd));
  const sdRate = sd(rated.map((p) => p.rate));
  return rated
    .filter((p) => !ivSet.has(p.code) && !ring.has(p.code))
    .map((p) => ({ code: p.code, name: p.name, imd: p.imd, rate: p.rate, distance: Math.hypot((p.imd - ivImd) / sdImd, (p.rate - ivRate) / sdRate) }))
    .sort((a, b) => a.distance - b.distance || a.code.localeCompare(b.code));
}

/** How many areas a matched comparison takes: three for each intervention area, at least five. */
export const matchedSize = (ivCount: number) => Math.max(5, 3 * ivCount);

/** The whole evaluation. Call only when blockingProblem gives null. */
export function evaluate(
  params: EvaluationParams,
  profiles: readonly AreaProfile[],
  neighbours: ReadonlyMap<string, ReadonlySet<string>>,
  counts: readonly AreaMonthCount[],
  span: DataSpanMonths,
): Evaluation {
  const start = params.start!;
  const level = params.level!;
  const periods = periodsOf(start, params.months);
  const beforeMonths = covered(periods.before.from, periods.before.to, span);
  const afterMonths = covered(periods.after.from, periods.after.to, span);
  const byCode = new Map(profiles.map((p) => [p.code, p]));
  const notes: string[] = [];
  const iv = params.iv.filter((c) => byCode.has(c));
  const unknownIv = params.iv.filter((c) => !byCode.has(c));
  if (unknownIv.length) notes.push(`Left out ${unknownIv.join(', ')}: not a ${LEVEL_NAMES[level].one} of the partnership's area.`);

  const byArea = new Map<string, Map<string, number>>();
  for (const r of counts) {
    let m = byArea.get(r.code);
    if (!m) byArea.set(r.code, (m = new Map()));
    m.set(r.month, (m.get(r.month) ?? 0) + r.n);
  }
  const beforeSet = new Set(beforeMonths);
  const beforeByArea = new Map<string, number>();
  for (const r of counts) if (beforeSet.has(r.month)) beforeByArea.set(r.code, (beforeByArea.get(r.code) ?? 0) + r.n);

  const ivSet = new Set(iv);
  const ring = new Set<string>();
  for (const c of iv) for (const n of neighbours.get(c) ?? []) if (!ivSet.has(n) && byCode.has(n)) ring.add(n);

  let comparisonCodes: string[];
  if (params.compare.kind === 'rest') comparisonCodes = profiles.map((p) => p.code).filter((c) => !ivSet.has(c));
  else if (params.compare.kind === 'list') {
    comparisonCodes = params.compare.codes.filter((c) => byCode.has(c) && !ivSet.has(c));
    const unknown = params.compare.codes.filter((c) => !byCode.has(c));
    if (unknown.length) notes.push(`Left ${unknown.join(', ')} out of the comparison: not a ${LEVEL_NAMES[level].one} of the partnership's area.`);
  } else comparisonCodes = matchCandidates(profiles, iv, ring, beforeByArea).slice(0, matchedSize(iv.length)).map((c) => c.code);

  const group = (codes: readonly string[]) => groupOf(codes, byCode, byArea, beforeMonths, afterMonths);
  const intervention = group(iv);
  const comparison = group(comparisonCodes);
  const ringGroup = group([...ring].sort());
  const ringComparison = group(comparisonCodes.filter((c) => !ring.has(c)));

  const coverageNotes: string[] = [];
  const missingBefore = params.months - beforeMonths.length;
  if (missingBefore > 0)
    coverageNotes.push(
      `The before period (${monthRange(periods.before.from, periods.before.to)}) starts before the data, which begins in ${formatMonth(span.first)}: ${missingBefore} of its ${params.months} months have no records, so it covers ${monthRange(beforeMonths[0]!, beforeMonths.at(-1)!)}.`,
    );
  const missingAfter = params.months - afterMonths.length;
  if (afterMonths.length === 0)
    coverageNotes.push(`The after period (${monthRange(periods.after.from, periods.after.to)}) has not begun in the data, whose last complete month is ${formatMonth(span.latestComplete)}: the result will show once it has.`);
  else if (missingAfter > 0)
    coverageNotes.push(
      `The after period (${monthRange(periods.after.from, periods.after.to)}) runs past the data's last complete month, ${formatMonth(span.latestComplete)}: ${missingAfter} of its ${params.months} months are missing, so it covers ${monthRange(afterMonths[0]!, afterMonths.at(-1)!)}. Both groups lose the same months, so the ratio still compares like with like, with a wider interval.`,
    );

  const fourCounts = (i: Group, c: Group) => ({ iBefore: i.before, iAfter: i.after, cBefore: c.before, cAfter: c.after });
  const emptyComparison: Computed<RateRatioResult> = { ok: false, reason: 'The ratio cannot be computed: there are no comparison areas.' };
  const result = afterMonths.length === 0 ? null : comparison.codes.length ? ratioOfRateRatios(fourCounts(intervention, comparison)) : emptyComparison;
  const displacement =
    afterMonths.length === 0
      ? null
      : ring.size === 0
        ? { ok: false as const, reason: 'No area touches the intervention areas, so there is no ring to measure.' }
        : ringComparison.codes.length
          ? ratioOfRateRatios(fourCounts(ringGroup, ringComparison))
          : { ok: false as const, reason: 'Every comparison area touches the intervention areas, so none is left to measure the ring against.' };
  const detectable = comparison.codes.length
    ? minimumDetectableEffect(intervention.before, comparison.before, params.months / beforeMonths.length)
    : { ok: false as const, reason: 'The detectable change cannot be computed: there are no comparison areas.' };
  const trend = comparison.codes.length
    ? preTrend(beforeMonths.map((m) => ({ intervention: intervention.monthly.get(m) ?? 0, comparison: comparison.monthly.get(m) ?? 0 })))
    : { ok: false as const, reason: 'The trend cannot be computed: there are no comparison areas.' };
  const areas = new Map(profiles.map((p) => [p.code, { name: p.name, imd: p.imd, rate: p.population > 0 ? ((beforeByArea.get(p.code) ?? 0) / p.population) * 1000 : null, before: beforeByArea.get(p.code) ?? 0 }]));
  return { periods, beforeMonths, afterMonths, coverageNotes, intervention, comparison, ring: ringGroup, ringComparison, result, detectable, trend, displacement, notes, areas };
}

/** Records per 1,000 residents per year over `months` months. */
export function annualRate(count: number, population: number, months: number): number | null {
  return population > 0 && months > 0 ? (count / population) * 1000 * (12 / months) : null;
}

/** The four counts (and the ring's) with their rates: the table beside the result. */
export function countsTable(e: Evaluation): AggTable {
  const row = (label: string, g: Group) => ({
    group: label,
    areas: g.codes.length,
    population: g.population,
    before: g.before,
    after: e.afterMonths.length ? g.after : null,
    rate_before: annualRate(g.before, g.population, e.beforeMonths.length),
    rate_after: e.afterMonths.length ? annualRate(g.after, g.population, e.afterMonths.length) : null,
    ratio: g.before > 0 && g.after > 0 && e.afterMonths.length ? g.after / e.afterMonths.length / (g.before / e.beforeMonths.length) : null,
  });
  const rows = [row('Intervention areas', e.intervention), row('Comparison areas', e.comparison)];
  if (e.ring.codes.length) rows.push(row('Ring: areas touching them', e.ring));
  return {
    columns: [
      { key: 'group', label: 'Group', kind: 'label' },
      { key: 'areas', label: 'Areas', kind: 'value', format: String },
      { key: 'population', label: 'Residents', kind: 'value', format: (n) => n.toLocaleString('en-GB') },
      { key: 'before', label: 'Records before', kind: 'count' },
      { key: 'after', label: 'Records after', kind: 'count' },
      { key: 'rate_before', label: 'Before, per 1,000 a year', kind: 'value', basedOn: ['before'], format: formatRate },
      { key: 'rate_after', label: 'After, per 1,000 a year', kind: 'value', basedOn: ['after'], format: formatRate },
      { key: 'ratio', label: 'After ÷ before', kind: 'value', basedOn: ['before', 'after'], format: (n) => n.toFixed(2) },
    ],
    rows,
  };
}

/** Monthly records of both groups, each indexed so that its before-period mean is 100. */
export function indexedTable(e: Evaluation): AggTable {
  const meanBefore = (g: Group) => (e.beforeMonths.length ? g.before / e.beforeMonths.length : 0);
  const mi = meanBefore(e.intervention);
  const mc = meanBefore(e.comparison);
  const afterStart = monthIndex(e.periods.after.from);
  const rows = [...e.beforeMonths, ...e.afterMonths].map((m) => {
    const i = e.intervention.monthly.get(m) ?? 0;
    const c = e.comparison.monthly.get(m) ?? 0;
    return {
      month: m,
      period: monthIndex(m) < afterStart ? 'before' : 'after',
      intervention: i,
      intervention_index: mi > 0 ? (100 * i) / mi : null,
      comparison: c,
      comparison_index: mc > 0 ? (100 * c) / mc : null,
    };
  });
  return {
    columns: [
      { key: 'month', label: 'Month', kind: 'label' },
      { key: 'period', label: 'Period', kind: 'label' },
      { key: 'intervention', label: 'Intervention records', kind: 'count' },
      { key: 'intervention_index', label: 'Intervention index (before mean = 100)', kind: 'value', basedOn: ['intervention'], format: (n) => n.toFixed(0) },
      { key: 'comparison', label: 'Comparison records', kind: 'count' },
      { key: 'comparison_index', label: 'Comparison index (before mean = 100)', kind: 'value', basedOn: ['comparison'], format: (n) => n.toFixed(0) },
    ],
    rows,
  };
}

const pct = (share: number) => `${Math.round(Math.abs(share) * 100)}%`;

/** The change beyond the comparison areas' change, as a signed share with its interval: RRR − 1. */
export function changeOf(r: RateRatioResult): { change: number; lower: number; upper: number } {
  return { change: r.rrr - 1, lower: r.lower - 1, upper: r.upper - 1 };
}

/** The result in words: "a fall of 39% beyond the comparison areas' change (95% CI 31% to 46%): …". */
export function describeChange(r: RateRatioResult, versus = "the comparison areas' change"): string {
  if (r.upper < 1) return `a fall of ${pct(1 - r.rrr)} beyond ${versus} (95% CI ${pct(1 - r.upper)} to ${pct(1 - r.lower)}): a difference beyond chance`;
  if (r.lower > 1) return `a rise of ${pct(r.rrr - 1)} beyond ${versus} (95% CI ${pct(r.lower - 1)} to ${pct(r.upper - 1)}): a difference beyond chance`;
  const side = (x: number) => (x < 1 ? `a fall of ${pct(1 - x)}` : x > 1 ? `a rise of ${pct(x - 1)}` : 'no change');
  return `no change the data can tell apart from chance (the 95% CI runs from ${side(r.lower)} to ${side(r.upper)})`;
}

/** The before-period trend in words, as a change of the intervention/comparison ratio per month. */
export function describeTrend(t: TrendResult): string {
  const perMonth = (x: number) => `${x >= 0 ? '+' : '−'}${(Math.abs(Math.exp(x) - 1) * 100).toFixed(1)}%`;
  const range = `${perMonth(t.slope)} a month (95% CI ${perMonth(t.lower)} to ${perMonth(t.upper)}) over ${t.months} months`;
  if (!t.diverging) return `The ratio of intervention to comparison records changed by ${range}: no trend beyond chance, so the two groups were moving together before the start.`;
  return `The ratio of intervention to comparison records was already ${t.slope > 0 ? 'rising' : 'falling'} before the start: ${range}. The groups were diverging, so part of any change after the start may be that trend carrying on; read the result with care, or choose other comparison areas.`;
}
