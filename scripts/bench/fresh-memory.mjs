// How fast a tab takes fresh memory, from the rates of equal steps (see benchFreshMemory in the
// floor page). On some machines (virtual ones that back the guest's memory only as it is first
// used) the rate falls several times over once a tab holds more than the machine has used lately;
// a load whose tab goes past that point pays the lower rate for the rest.

import { median } from './median.mjs';

/** A step is slow when it and the next (if any) are under this share of the rate before them. */
const SLOW_SHARE = 0.25;

/**
 * `rates`: MiB/s of each step of `stepMiB`, in order. Returns the rate before the fall
 * (`fastMiBps`, the median of the steps before it), the MiB the tab held when it came
 * (`slowFromMiB`, null if it never did) and the rate after it (`slowMiBps`, the median of the steps
 * from there on), every figure rounded; and how far it went (`triedMiB`).
 */
export function summariseFreshMemory(stepMiB, rates) {
  if (rates.length === 0) return { fastMiBps: null, slowFromMiB: null, slowMiBps: null, triedMiB: 0 };
  let fall = -1;
  for (let i = 1; i < rates.length && fall < 0; i++) {
    const before = median(rates.slice(0, i));
    const slow = (r) => r < before * SLOW_SHARE;
    if (slow(rates[i]) && (i + 1 === rates.length || slow(rates[i + 1]))) fall = i;
  }
  const fast = fall < 0 ? rates : rates.slice(0, fall);
  return {
    fastMiBps: Math.round(median(fast)),
    slowFromMiB: fall < 0 ? null : fall * stepMiB,
    slowMiBps: fall < 0 ? null : Math.round(median(rates.slice(fall))),
    triedMiB: rates.length * stepMiB,
  };
}
