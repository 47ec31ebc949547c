import { describe, expect, it } from 'vitest';
import { threadsFor } from '@/data/threads';

describe('how many threads DuckDB gets', () => {
  it('one on a page that is not cross-origin isolated, whatever the cores', () => {
    expect(threadsFor(false, 8)).toBe(1);
    expect(threadsFor(false, 2)).toBe(1);
  });

  it('one with one core or none reported, even when isolated', () => {
    expect(threadsFor(true, 1)).toBe(1);
    expect(threadsFor(true, undefined)).toBe(1);
    expect(threadsFor(true, 0)).toBe(1);
  });

  it('both of two cores; one left to the page from three; never more than four', () => {
    expect(threadsFor(true, 2)).toBe(2);
    expect(threadsFor(true, 3)).toBe(2);
    expect(threadsFor(true, 4)).toBe(3);
    expect(threadsFor(true, 5)).toBe(4);
    expect(threadsFor(true, 16)).toBe(4);
  });
});
