import { describe, expect, it } from 'vitest';
import { holdsNulBytes } from '@/data/ingest/nul-bytes';

describe('looking for NUL bytes outside DuckDB', () => {
  it('finds one anywhere in a text of several chunks, the last byte included, and none in a clean text', async () => {
    // three of the search's 1 MiB buffers: 15 + 11 × 300,000 bytes
    const text = new TextEncoder().encode('crime_ref,role\n' + 'CR1,Victim\n'.repeat(300_000));
    expect(text.length).toBe(3_300_015);
    expect(await holdsNulBytes(new Blob([text]))).toBe(false);
    // either side of the first buffer's end, and of the second's
    for (const at of [0, 1_048_575, 1_048_576, 2_097_151, 2_097_152, text.length - 1]) {
      const faulty = text.slice();
      faulty[at] = 0;
      expect(await holdsNulBytes(new Blob([faulty]))).toBe(true);
    }
    expect(await holdsNulBytes(new Blob([]))).toBe(false);
  });
});
