import { describe, expect, it } from 'vitest';
import { localStamp } from '@/lib/local-time';

describe('localStamp', () => {
  it('gives the local day and time with two-digit fields', () => {
    expect(localStamp(new Date(2024, 0, 5, 9, 3, 7))).toEqual({ day: '2024-01-05', time: '2024-01-05 09:03:07' });
    expect(localStamp(new Date(2025, 11, 31, 23, 59, 0))).toEqual({ day: '2025-12-31', time: '2025-12-31 23:59:00' });
  });
});
