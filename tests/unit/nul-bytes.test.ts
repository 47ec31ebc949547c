import { describe, expect, it } from 'vitest';
import { holdsNulBytes } from '@/data/ingest/nul-bytes';

describe('looking for NUL bytes outside DuckDB', () => {
  it('finds one anywhere in a text of several chunks, the last byte included, and none in a clean text', async () => {
    const text = new TextEncoder().encode('crime_ref,role\n' + 'CR1,Victim\n'.repeat(100_000));
    expect(text.length).toBeGreaterThan(1024 * 1024);
    expect(await holdsNulBytes(new Blob([text]))).toBe(false);
    for (const at of [0, 65_535, 65_536, text.length - 1]) {
      const faulty = text.slice();
      faulty[at] = 0;
      expect(await holdsNulBytes(new Blob([faulty]))).toBe(true);
    }
    expect(await holdsNulBytes(new Blob([]))).toBe(false);
  });
});
