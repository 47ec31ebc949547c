import { describe, expect, it } from 'vitest';
import { judgeLatest, spc } from '@/lib/spc';

const signalsOf = (values: number[]) => spc(values).points.map((p, i) => (p.signals.length ? `${i}:${[...p.signals].sort().join('+')}:${p.direction}` : null)).filter(Boolean);

describe('XmR chart limits', () => {
  it('are the mean ± 2.66 × the mean moving range', () => {
    // mean 2.5; moving ranges 2, 1, 2 → 5/3; 2.66 × 5/3 = 4.4333
    const r = spc([1, 3, 2, 4]);
    expect(r.mean).toBe(2.5);
    expect(r.meanMovingRange).toBeCloseTo(5 / 3, 10);
    expect(r.upper).toBeCloseTo(6.93333, 4);
    expect(r.lower).toBeCloseTo(-1.93333, 4);
  });
});

describe('special-cause rules', () => {
  it('a point beyond the upper limit; the eight before it form a run below the mean', () => {
    // mean 131/9 = 14.56; mR̄ = 28/8 = 3.5; upper limit 14.56 + 9.31 = 23.87
    expect(signalsOf([10, 12, 11, 13, 12, 10, 11, 12, 30])).toEqual([
      '0:run:down', '1:run:down', '2:run:down', '3:run:down', '4:run:down', '5:run:down', '6:run:down', '7:run:down', '8:beyond-limit:up',
    ]);
    expect(judgeLatest(spc([10, 12, 11, 13, 12, 10, 11, 12, 30]))).toEqual({ tone: 'concern', words: 'unusually high: above the upper limit' });
  });

  it('six points each rising are a trend; five are not', () => {
    // 1 < 2 < 3 < 4 < 5 < 6: six points; mean 3.5, limits far away, no run of seven
    expect(signalsOf([5, 1, 2, 3, 4, 5, 6, 2])).toEqual(['1:trend:up', '2:trend:up', '3:trend:up', '4:trend:up', '5:trend:up', '6:trend:up']);
    expect(signalsOf([9, 1, 2, 3, 4, 5, 2])).toEqual([]);
    expect(judgeLatest(spc([5, 1, 2, 3, 4, 5, 6, 2]))).toEqual({ tone: 'normal', words: 'within normal variation' });
  });

  it('seven on one side is a run; two of three beyond two sigma is near a limit', () => {
    // mean 59/11 = 5.364; mR̄ = 12/10 = 1.2; two-sigma band 5.364 ± 2.128 → 3.236 .. 7.492
    // the first seven (6s and 7s) sit above the mean; the 3s at 7 and 9 are 2 of 3 below 3.236
    expect(signalsOf([6, 7, 6, 7, 6, 7, 6, 3, 4, 3, 4])).toEqual([
      '0:run:up', '1:run:up', '2:run:up', '3:run:up', '4:run:up', '5:run:up', '6:run:up', '7:near-limit:down', '9:near-limit:down',
    ]);
  });

  it('a point on the mean breaks a run; a flat series has no signal', () => {
    // mean 5: 6,6,6,5,6,6,6,4,4,4,4,4,4 → runs of 3 and 3 above, then 6 below: none reaches 7
    expect(signalsOf([6, 6, 6, 5, 6, 6, 6, 4, 4, 4, 4, 4, 4]).filter((s) => s!.includes('run'))).toEqual([]);
    expect(signalsOf([5, 5, 5, 5, 5, 5, 5, 5])).toEqual([]);
  });

  it('says which month in a row the series has been beyond the limit', () => {
    // mean 198/13 = 15.23; mR̄ = 30/12 = 2.5; upper limit 21.88: 30, 31 and 32 are all above
    const r = spc([10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 30, 31, 32]);
    expect(judgeLatest(r)).toEqual({ tone: 'concern', words: 'unusually high: 3rd month in a row above the upper limit' });
    expect(judgeLatest(spc([30, 31, 30, 31, 30, 31, 30, 31, 30, 31, 10]))).toEqual({ tone: 'improvement', words: 'unusually low: below the lower limit' });
  });
});
