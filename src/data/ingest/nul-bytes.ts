/** The buffer each read of the text fills, used again and again. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Whether a text holds a NUL byte (a fault of some exports, taken out and counted by the load).
 * Read on the page while DuckDB reads the same file in its worker: a byte search over the file is
 * far cheaper than DuckDB looking for NUL in every value of every row (about 0.35 s at 1,000,000
 * rows), even on DuckDB's threaded build, where it shares the cores with DuckDB (a load took 0.86
 * of the time with it; docs/performance.md). The text is read into one buffer, refilled each
 * time, so the search holds a megabyte however large the file. Stops at the first.
 */
export async function holdsNulBytes(content: Blob): Promise<boolean> {
  const reader = content.stream().getReader({ mode: 'byob' });
  let buffer = new ArrayBuffer(CHUNK_BYTES);
  try {
    for (;;) {
      const { done, value } = await reader.read(new Uint8Array(buffer));
      if (done || !value) return false;
      if (value.indexOf(0) >= 0) return true;
      buffer = value.buffer;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
