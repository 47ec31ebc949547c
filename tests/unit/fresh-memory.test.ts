import { describe, expect, it } from 'vitest';
import { summariseFreshMemory } from '../../scripts/bench/fresh-memory.mjs';

// The benchmark's summary of how fast a tab takes fresh memory, step by step (128 MiB steps here).
describe('summariseFreshMemory', () => {
  it('finds where the rate falls, with the rates before and after', () => {
    // before the fifth step the median is (1,200 + 1,300) / 2 = 1,250; 100 and 120 are both under
    // a quarter of it (312.5), so the fall comes after 4 steps, 512 MiB; after it, 90, 100, 120
    expect(summariseFreshMemory(128, [1000, 1200, 1400, 1300, 100, 120, 90])).toEqual({
      fastMiBps: 1250,
      slowFromMiB: 512,
      slowMiBps: 100,
      triedMiB: 896,
    });
  });

  it('takes one slow step followed by a fast one as a hiccup, not a fall', () => {
    // sorted 200, 1,000, 1,000, 1,050, 1,100: the median of all five is 1,000
    expect(summariseFreshMemory(128, [1000, 1100, 200, 1050, 1000])).toEqual({ fastMiBps: 1000, slowFromMiB: null, slowMiBps: null, triedMiB: 640 });
  });

  it('counts a slow last step as the fall', () => {
    expect(summariseFreshMemory(256, [1000, 1000, 100])).toEqual({ fastMiBps: 1000, slowFromMiB: 512, slowMiBps: 100, triedMiB: 768 });
  });

  it('a step only a little slower is no fall', () => {
    // 300 is not under a quarter of 1,000
    expect(summariseFreshMemory(128, [1000, 1000, 300, 300])).toEqual({ fastMiBps: 650, slowFromMiB: null, slowMiBps: null, triedMiB: 512 });
  });

  it('with no steps, nothing', () => {
    expect(summariseFreshMemory(128, [])).toEqual({ fastMiBps: null, slowFromMiB: null, slowMiBps: null, triedMiB: 0 });
  });
});
