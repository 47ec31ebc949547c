import { describe, expect, it } from 'vitest';
import { newExtractId } from '@/data/ingest/load-file';

describe('extract ids', () => {
  it('are twelve characters, short enough for DuckDB to keep inside each row, and do not repeat', () => {
    const ids = Array.from({ length: 2000 }, newExtractId);
    for (const id of ids) expect(id).toMatch(/^x[0-9a-z]{11}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
