/** The buffer each read of the text fills, used again and again. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Whether a text holds a NUL byte (a fault of some exports, taken out and counted by the load).
 * Read on the page while DuckDB's single-threaded build reads the same file in its worker: a byte
 * search over the file, on the core DuckDB leaves free, instead of DuckDB looking for NUL in every
 * value of every row (0.58 s at 1,000,000 rows under Node). Side by side, loads took 0.89 of the
 * time with it on that build (six of each); on the threaded build, which uses both cores, 0.98 and
 * 1.17, so there it is not used (docs/performance.md, 7 December, evening). The text is read into
 * one buffer, refilled each time, so the search holds a megabyte however large the file. Stops at
 * the first.
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
