import { describe, expect, it } from 'vitest';
import { addMonths, monthSpine, monthTickInterval } from '@/lib/months';

describe('month axis ticks', () => {
  it('labels every month when they fit', () => {
    expect(monthTickInterval(12, 12)).toBe(0);
    expect(monthTickInterval(1, 10)).toBe(0);
  });

  it('steps by a divisor of a year, the smallest that fits', () => {
    // 36 months, 10 labels: steps of 1, 2, 3 give 36, 18, 12 labels; 4 gives 9
    expect(monthTickInterval(36, 10)).toBe(3);
    // 96 months (eight years), 10 labels: 6 gives 16, 12 gives 8
    expect(monthTickInterval(96, 10)).toBe(11);
    // 96 months, 6 labels: 12 gives 8, 24 gives 4
    expect(monthTickInterval(96, 6)).toBe(23);
  });

  it('falls back to an even split beyond ten years a label', () => {
    // 2,400 months, 4 labels: even 120 gives 20; the fallback is ceil(2400 / 4) = 600
    expect(monthTickInterval(2400, 4)).toBe(599);
  });

  it('keeps the months helpers it sits beside consistent', () => {
    expect(monthSpine('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(addMonths('2024-01', -1)).toBe('2023-12');
  });
});
