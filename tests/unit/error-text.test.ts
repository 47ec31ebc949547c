import { describe, expect, it } from 'vitest';
import { openFailureText } from '@/lib/error-text';

// What the status badge and the Data page say when the demo or the kept data fails to load as the
// page opens; the errors are DuckDB's own texts.

describe('a failure while the page opens, in the user\'s words', () => {
  it('says the tab ran out of memory, with what to do, instead of DuckDB\'s block sizes and settings', () => {
    const limit = new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)\nDatabase is launched in in-memory mode and no temporary directory is specified.');
    const refused = new Error('The demo table police could not be read (Out of Memory Error: Failed to allocate block of 262144 bytes)');
    for (const e of [limit, refused]) expect(openFailureText(e)).toBe('this browser tab ran out of memory for DuckDB (close other tabs, then reload the page)');
  });

  it('keeps any other message to its first line, without a final full stop', () => {
    expect(openFailureText(new Error('The demo data could not be read (IO Error: Cannot open file "demo.duckdb")\nLINE 1: ATTACH …'))).toBe(
      'The demo data could not be read (IO Error: Cannot open file "demo.duckdb")',
    );
    expect(openFailureText(new Error('The data could not be kept in this browser (quota). Nothing was kept.'))).toBe(
      'The data could not be kept in this browser (quota). Nothing was kept',
    );
    expect(openFailureText('plain text.')).toBe('plain text');
  });
});
