/**
 * A short content hash that keys rows of files without a key column (police.uk downloads), so
 * loading the same file twice replaces its rows. Hashes the whole file when it is small enough to
 * hold, else its size and first and last megabyte.
 */
export async function fileHash(blob: Blob | Uint8Array): Promise<string> {
  const bytes = blob instanceof Uint8Array ? blob : await digestInput(blob);
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const WHOLE_FILE_LIMIT = 64 * 1024 * 1024;
const EDGE = 1024 * 1024;

async function digestInput(blob: Blob): Promise<Uint8Array> {
  if (blob.size <= WHOLE_FILE_LIMIT) return new Uint8Array(await blob.arrayBuffer());
  const head = new Uint8Array(await blob.slice(0, EDGE).arrayBuffer());
  const tail = new Uint8Array(await blob.slice(blob.size - EDGE).arrayBuffer());
  const size = new TextEncoder().encode(String(blob.size));
  const out = new Uint8Array(size.length + head.length + tail.length);
  out.set(size, 0);
  out.set(head, size.length);
  out.set(tail, size.length + head.length);
  return out;
}
