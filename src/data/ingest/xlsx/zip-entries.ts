// The parts of a zip file (an .xlsx is one), read from its central directory, and unpacked with
// the platform's own zlib (DecompressionStream), which inflates a 40 MB sheet several times faster
// than inflating in JavaScript. Only what a workbook uses: stored or deflated parts, no ZIP64,
// no encryption.

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated */
  method: number;
  packedSize: number;
  size: number;
  /** where the local header of the part starts */
  headerAt: number;
}

export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of the central directory, by name; throws ZipError when there is none to read. */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // the end record is in the last 22 bytes, or before a comment of up to 65,535 bytes
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65535); at--) {
    if (view.getUint32(at, true) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ZipError('no zip directory');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw new ZipError('a damaged zip directory');
    const nameLength = view.getUint16(at + 28, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.set(name, {
      name,
      method: view.getUint16(at + 10, true),
      packedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      headerAt: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/**
 * A part's bytes: all of them, or the first `limit` or a little more (unpacking stops there, so a
 * part of a sheet costs only what comes before its end). Reading stops as soon as the part unpacks
 * to more than its entry declares, so a directory that lies about sizes cannot make it unpack more
 * than was checked.
 */
export async function unpackEntry(bytes: Uint8Array, entry: ZipEntry, limit = Infinity): Promise<Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = entry.headerAt;
  if (h + 30 > bytes.length || view.getUint32(h, true) !== LOCAL) throw new ZipError(`a damaged part, ${entry.name}`);
  const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
  const packed = bytes.subarray(start, start + entry.packedSize);
  if (entry.method === 0) return packed.slice(0, entry.size);
  if (entry.method !== 8) throw new ZipError(`a part packed in a way workbooks are not (method ${entry.method}), ${entry.name}`);
  const out = new Uint8Array(entry.size);
  let filled = 0;
  const reader = new Blob([packed as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (filled + value.length > entry.size) throw new ZipError(`a part larger than its directory says, ${entry.name}`);
      out.set(value, filled);
      filled += value.length;
      if (filled >= limit) break;
    }
  } catch (e) {
    throw e instanceof ZipError ? e : new ZipError(`a damaged part, ${entry.name}`);
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return filled === entry.size ? out : out.subarray(0, filled);
}
