// Months as YYYY-MM text: cheap to compare, sort and put in a URL.

export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function monthFromIndex(i: number): string {
  const y = Math.floor(i / 12);
  return `${y}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function addMonths(month: string, n: number): string {
  return monthFromIndex(monthIndex(month) + n);
}

/** Every month from `from` to `to`, inclusive. */
export function monthSpine(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthFromIndex(i));
  return out;
}

const TICK_STEPS = [1, 2, 3, 4, 6, 12, 24, 36, 60, 120];

/**
 * Margins for a chart with a month axis: a line chart puts its last month on the right edge, with
 * the label centred on it, so the right margin holds half of a label such as "Dec 2029".
 */
export const MONTH_CHART_MARGIN = { top: 8, right: 32, bottom: 8, left: 8 } as const;

/**
 * The recharts `interval` for a month axis of `count` points with at most `maxTicks` labels: a
 * whole number of months that divides a year where it can. A fixed interval also spares recharts
 * from measuring every label in the page on each redraw, which the gap-based default does.
 */
export function monthTickInterval(count: number, maxTicks: number): number {
  const step = TICK_STEPS.find((s) => Math.ceil(count / s) <= Math.max(1, maxTicks)) ?? Math.ceil(count / Math.max(1, maxTicks));
  return step - 1;
}
