import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';
import { detectEncoding, toUtf8 } from '@/data/ingest/text-encoding';
import { sniffFile } from '@/data/ingest/file-sniff';
import { LoadError, LONG_ROW_REASON } from '@/data/ingest/load-extract';
import {
  ambulanceUtf16le,
  edLongField,
  ENCODED_OFFENCES,
  policeLateWindows1252,
  policeNul,
  policeUtf16be,
  policeWindows1252,
} from '../../scripts/make-test-files.mjs';

let t: TestDb;
beforeAll(async () => {
  t = await createLoadedDb();
});
afterAll(() => t.db.close());

const offences = async (prefix: string) =>
  (await t.db.query<{ offence: string }>(`SELECT offence FROM police WHERE record_ref LIKE ? ORDER BY record_ref`, [`${prefix}%`])).map((r) => r.offence);

describe('text in the encodings partners send', () => {
  it('tells the encoding from the bytes', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(detectEncoding(enc('a,b\né,ü\n'), true)).toBe('utf-8');
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), true)).toBe('utf-8');
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]), true)).toBe('utf-16le');
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0, 0x61]), true)).toBe('utf-16be');
    // é in Windows-1252 is the single byte 0xE9, never valid UTF-8 before a comma
    expect(detectEncoding(new Uint8Array([0x61, 0xe9, 0x2c, 0x0a]), true)).toBe('windows-1252');
    // a UTF-8 character cut off by the end of the part looked at is not a fault
    expect(detectEncoding(new Uint8Array([0x61, 0x0a, 0xc3]), false)).toBe('utf-8');
  });

  it('decodes Windows-1252 exactly, curly quotes and the pound sign included', async () => {
    const utf8 = new TextDecoder().decode(await (await toUtf8(new Blob([policeWindows1252() as Uint8Array<ArrayBuffer>]), 'windows-1252', false)).arrayBuffer());
    expect(utf8).toContain(ENCODED_OFFENCES[0]);
    expect(utf8).toContain(ENCODED_OFFENCES[1]);
  });

  it('loads a Windows-1252 CSV with a warning naming the encoding', async () => {
    const report = await loadBytes(t, 'police-windows-1252.csv', policeWindows1252());
    expect(report.rowsLoaded).toBe(2);
    expect(await offences('E')).toEqual(ENCODED_OFFENCES);
    expect(report.warnings[0]).toEqual({ kind: expect.stringMatching(/^text read as Windows-1252, not UTF-8/), count: 2, firstLine: null, example: null });
  });

  it("loads Excel's Unicode text (UTF-16 little-endian, tab-separated) and UTF-16 big-endian", async () => {
    const tsv = await loadBytes(t, 'ambulance-unicode-text.txt', ambulanceUtf16le());
    expect(tsv.rowsLoaded).toBe(2);
    expect(tsv.warnings[0]?.kind).toMatch(/^text read as UTF-16 \(little-endian\)/);
    const calls = await t.db.query(`SELECT record_ref, strftime(event_date, '%Y-%m-%d') AS day, event_hour FROM events WHERE source = 'ambulance' ORDER BY 1`);
    expect(calls).toEqual([
      { record_ref: 'U1', day: '2024-05-01', event_hour: 10 },
      { record_ref: 'U2', day: '2024-05-02', event_hour: 23 },
    ]);
    const be = await loadBytes(t, 'police-utf16be.csv', policeUtf16be());
    expect(be.rowsLoaded).toBe(1);
    expect(await offences('B')).toEqual([ENCODED_OFFENCES[0]]);
  });

  it('says when bytes past the part looked at are not UTF-8, so the file can be read again as Windows-1252', async () => {
    const bytes = policeLateWindows1252();
    expect(sniffFile('late.csv', bytes.length, bytes.subarray(0, 65536))).toMatchObject({ ok: true, encoding: 'utf-8' });
    const failure = await loadBytes(t, 'late.csv', bytes).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LoadError);
    expect((failure as LoadError).notUtf8).toBe(true);
    expect((failure as LoadError).message).toMatch(/line 1502 is not UTF-8 text/);
  });
});

describe('stray bytes and long values', () => {
  it('removes NUL bytes and counts their rows, with the first line', async () => {
    const report = await loadBytes(t, 'police-nul.csv', policeNul());
    expect(report.rowsLoaded).toBe(4);
    expect(report.warnings).toContainEqual({ kind: 'NUL bytes removed from the text', count: 2, firstLine: 3, example: null });
    const rows = await t.db.query(`SELECT record_ref, role FROM police WHERE record_ref LIKE 'N%' ORDER BY 1`);
    expect(rows.map((r) => `${String(r.record_ref)} ${String(r.role)}`)).toEqual(['N1|Victim| Victim', 'N2|Victim| Victim', 'N3|Victim| Victim', 'N4|Victim| Victim']);
  });

  it('loads a 5 MB value whole', async () => {
    const report = await loadBytes(t, 'ed-5mb-field.csv', edLongField(5));
    expect(report.rowsLoaded).toBe(3);
    const rows = await t.db.query(`SELECT record_ref, length(assault_location_description)::INTEGER AS n FROM ed ORDER BY 1`);
    expect(rows).toEqual([
      { record_ref: 'D1', n: 8 },
      { record_ref: 'D2', n: 5_000_000 },
      { record_ref: 'D3', n: 4 },
    ]);
  });

  it('rejects a row with a 20 MB value, with its line and reason, and loads the rest of the file', async () => {
    const report = await loadBytes(t, 'ed-20mb-field.csv', edLongField(20));
    expect(report.rowsRead).toBe(3);
    expect(report.rowsLoaded).toBe(2);
    expect(report.rowsRejected).toBe(1);
    expect(report.firstRejections).toEqual([{ line: 3, reason: LONG_ROW_REASON }]);
    // the long row did not replace the row of the same key loaded before it
    expect(await t.db.query(`SELECT record_ref, extract_id = ? AS this_file FROM ed ORDER BY 1`, [report.extractId])).toEqual([
      { record_ref: 'D1', this_file: true },
      { record_ref: 'D2', this_file: false },
      { record_ref: 'D3', this_file: true },
    ]);
  });
});
