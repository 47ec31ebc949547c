// The text encodings partners' files arrive in. DuckDB reads UTF-8 only: a file in another
// encoding is turned into UTF-8 in this browser, streaming, before DuckDB reads it, and its load
// report says which encoding it was read as.

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const ENCODING_LABELS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252',
};

const startsWith = (bytes: Uint8Array, sig: readonly number[]): boolean => sig.every((b, i) => bytes[i] === b);

/** The byte-order mark's length for an encoding (0 when it has none). */
export function bomLength(head: Uint8Array): number {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return 3;
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return 2;
  return 0;
}

/** Whether bytes are valid UTF-8 (a character cut off at the very end of a head is allowed). */
function isUtf8(bytes: Uint8Array, complete: boolean): boolean {
  // cut at the last line break so a character split by the end of the head is not a fault
  const lastBreak = bytes.lastIndexOf(0x0a);
  const whole = complete || lastBreak < 0 ? bytes : bytes.subarray(0, lastBreak + 1);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(whole);
    return true;
  } catch {
    return false;
  }
}

/**
 * A file's encoding from its first bytes: a byte-order mark says UTF-8 or UTF-16; without one,
 * UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what Excel's "CSV (Comma delimited)"
 * writes). `complete` is true when `head` is the whole file.
 */
export function detectEncoding(head: Uint8Array, complete: boolean): TextEncodingName {
  if (startsWith(head, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(head, [0xfe, 0xff])) return 'utf-16be';
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return 'utf-8';
  return isUtf8(head, complete) ? 'utf-8' : 'windows-1252';
}

/** The head's text without its byte-order mark, up to its last whole line when it is not the whole file. */
export function decodeHead(head: Uint8Array, encoding: TextEncodingName, complete: boolean): string {
  const text = new TextDecoder(encoding).decode(head.subarray(bomLength(head)));
  if (complete) return text;
  const lastBreak = text.lastIndexOf('\n');
  return lastBreak < 0 ? text : text.slice(0, lastBreak + 1);
}

/**
 * The whole content as UTF-8 text (gunzipped first when `gzip`), decoded from `encoding` as it
 * streams, so no more than a chunk of the original is held at a time besides the result.
 */
export async function toUtf8(content: Blob, encoding: TextEncodingName, gzip: boolean): Promise<Blob> {
  const raw = content.stream();
  const bytes: ReadableStream<BufferSource> = gzip ? raw.pipeThrough(new DecompressionStream('gzip')) : raw;
  const text = bytes.pipeThrough(new TextDecoderStream(encoding));
  return new Response(text.pipeThrough(new TextEncoderStream())).blob();
}

/** The warning a load report carries for text that was not UTF-8. */
export function encodingWarning(encoding: TextEncodingName): string | null {
  return encoding === 'utf-8' ? null : `text read as ${ENCODING_LABELS[encoding]}, not UTF-8 (decoded; check accented letters and symbols)`;
}
