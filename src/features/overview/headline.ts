import type { MonthlyCount } from '@/data/aggregates';
import { addMonths, monthSpine } from '@/lib/months';
import { judgeLatest, spc, type Judgement } from '@/lib/spc';

/** How many months of history the overview's judgements use: enough for stable limits, recent enough to matter. */
export const JUDGEMENT_MONTHS = 24;

export interface Headline {
  month: string;
  value: number;
  previous: number | null;
  lastYear: number | null;
  /** a judgement of this month against the months before it, or null with too little history */
  judgement: Judgement | null;
  /** the months the judgement used */
  history: number;
}

/** Totals per month of counts keyed '' (or summed over keys). */
export function totalsByMonth(rows: readonly MonthlyCount[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.month, (m.get(r.month) ?? 0) + r.n);
  return m;
}

/**
 * A headline figure for `month`: its count, the month before, the same month a year before (null
 * before the data starts) and an SPC judgement over up to 24 months ending at `month`.
 */
export function headline(totals: ReadonlyMap<string, number>, month: string, firstMonth: string): Headline {
  const at = (m: string) => (m >= firstMonth ? (totals.get(m) ?? 0) : null);
  const start = addMonths(month, -(JUDGEMENT_MONTHS - 1)) > firstMonth ? addMonths(month, -(JUDGEMENT_MONTHS - 1)) : firstMonth;
  const months = start <= month ? monthSpine(start, month) : [];
  const values = months.map((m) => totals.get(m) ?? 0);
  return {
    month,
    value: totals.get(month) ?? 0,
    previous: at(addMonths(month, -1)),
    lastYear: at(addMonths(month, -12)),
    judgement: values.length >= 12 ? judgeLatest(spc(values)) : null,
    history: values.length,
  };
}

/** A change as a share of where it started: null when it started at zero. */
export function relativeChange(now: number, before: number | null): number | null {
  if (before === null || before === 0) return null;
  return (now - before) / before;
}
