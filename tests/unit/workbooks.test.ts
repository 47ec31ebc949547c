import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';
import { workbookToCsv } from '@/data/ingest/xlsx/workbook-to-csv';
import { formatKind, partEnds } from '@/data/ingest/xlsx/workbook';
import { serialToText, sheetXmlRows, UnnumberedRowsError } from '@/data/ingest/xlsx/sheet-xml';
import { decodeXml } from '@/data/ingest/xlsx/xml-text';
import { sniffFile } from '@/data/ingest/file-sniff';
import { bombWorkbook, mac1904Workbook, policeWorkbook, twoExtractsWorkbook, unrecognisedWorkbook, workbookBytes } from '../../scripts/make-test-files.mjs';

describe('reading a sheet', () => {
  it('finds the extract on its second sheet, under a title and a blank row, and reads each kind of cell', async () => {
    const text = await workbookToCsv(policeWorkbook());
    expect(text.sheets).toEqual([
      { name: 'Notes', headerRow: null, source: null },
      { name: 'Extract', headerRow: 3, source: 'police' },
    ]);
    expect(text.sheet).toBe('Extract');
    expect(text.headerRow).toBe(3);
    expect(text.headers).toEqual(['crime_ref', 'role', 'occurred_date', 'occurred_time', 'offence_group', 'age', 'ethnicity', 'ppn_submitted', 'lsoa21cd', 'offence']);
    // rows 4, 5, 7, 8 and 9: row 6 holds only empty cells
    expect(text.rows).toBe(5);
    expect(text.preview[0]).toEqual([
      'W1',
      'Victim',
      '2024-03-31', // a date cell (built-in format 14), not shifted by the clocks going forward that day
      '22:30:00', // a time cell (built-in format 20)
      'Robbery',
      '15', // a formula's cached value, not the formula
      'Black, Black British, Black Welsh, Caribbean or African: Caribbean', // rich text runs joined, phonetic run left out
      'TRUE',
      'E01011264',
      'Phone taken – “threatened”',
    ]);
    // a date and time (custom dd/mm/yyyy hh:mm), a number shown with two decimals kept as the number,
    // XML escapes undone
    expect(text.preview[1]).toEqual(['W2', 'Suspect', '2024-04-01 23:59:30', '', 'Violence with injury', '17', 'IC3', 'FALSE', '', 'Assault & wounding <s.20>']);
    // a custom date format with a locale tag; a formula that gave an error is no value
    expect(text.preview[2]?.slice(0, 3)).toEqual(['W3', 'Victim', '2024-04-14']);
    expect(text.preview[2]?.[9]).toBe('');
    // text that looks like a date stays text
    expect(text.preview[4]?.slice(0, 4)).toEqual(['W5', 'Victim', '05/01/2024', '07:15']);
    const csv = new TextDecoder().decode(text.csv).split('\n');
    expect(csv[0]).toBe('crime_ref,role,occurred_date,occurred_time,offence_group,age,ethnicity,ppn_submitted,lsoa21cd,offence,_sheet_row');
    // each row ends with its own row number in the sheet
    expect(csv.slice(1, 6).map((l) => l.split(',').at(-1))).toEqual(['4', '5', '7', '8', '9']);
  });

  it('reads a sheet in parts whose texts, one after the other, are the whole sheet', async () => {
    const rows: Record<number, unknown[]> = { 1: ['title'], 3: ['crime_ref', 'role', 'occurred_date', 'offence_group'] };
    for (let r = 4; r < 504; r++) rows[r] = r % 50 === 0 ? [] : [`C${r}`, 'Victim', { v: 45300 + r, s: 1 }, r % 7 ? 'Robbery' : 'Other, "quoted"'];
    const bytes = workbookBytes([{ name: 'Data', rows }]);
    const whole = await workbookToCsv(bytes);
    const parts = await Promise.all([0, 1, 2].map((index) => workbookToCsv(bytes, undefined, undefined, { index, count: 3 })));
    const decode = (b: Uint8Array) => new TextDecoder().decode(b);
    // 500 rows, ten of them empty
    expect(whole.rows).toBe(490);
    expect(parts.map((p) => p.rows).reduce((a, b) => a + b)).toBe(490);
    expect(parts.every((p) => p.rows > 100)).toBe(true);
    expect(parts.map((p) => decode(p.csv)).join('')).toBe(decode(whole.csv));
  });

  it('cuts parts before row tags, even where a row of long text spans the cut', async () => {
    const rows: Record<number, unknown[]> = { 1: ['crime_ref', 'role', 'occurred_date', 'offence_group'] };
    for (let r = 2; r < 202; r++) rows[r] = [`C${r}`, 'Victim', { v: 45300 + r, s: 1 }, 'Robbery'];
    // about 400 KB of text in row 120, across the first part's end (60% of the sheet's XML)
    rows[120] = ['C120', 'Victim', { v: 45420, s: 1 }, { t: 'inline', v: `Robbery ${'x'.repeat(400_000)}` }];
    const bytes = workbookBytes([{ name: 'Data', rows }]);
    expect(partEnds(2)).toEqual([0.6, 1]);
    const whole = await workbookToCsv(bytes);
    const parts = await Promise.all([0, 1].map((index) => workbookToCsv(bytes, undefined, undefined, { index, count: 2 })));
    const decode = (b: Uint8Array) => new TextDecoder().decode(b);
    expect(whole.rows).toBe(200);
    // the long row starts before the cut, so the first part reads it whole: rows 2 to 120
    expect(parts.map((p) => p.rows)).toEqual([119, 81]);
    expect(parts.map((p) => decode(p.csv)).join('')).toBe(decode(whole.csv));
  });

  it('finds a header below a first megabyte of title, and reads rows that carry no numbers only whole', async () => {
    const rows: Record<number, unknown[]> = {
      1: [{ t: 'inline', v: `About this extract: ${'notes '.repeat(200_000)}` }],
      2: ['crime_ref', 'role', 'occurred_date', 'offence_group'],
      // 45,292 is 1 January 2024
      3: ['C3', 'Victim', { v: 45300, s: 1 }, 'Robbery'],
    };
    const text = await workbookToCsv(workbookBytes([{ name: 'Data', rows }]));
    expect(text.headerRow).toBe(2);
    expect(new TextDecoder().decode(text.csv)).toBe('crime_ref,role,occurred_date,offence_group,_sheet_row\nC3,Victim,2024-01-09,Robbery,3\n');
    const xml = (from: string) =>
      new TextEncoder().encode(`${from}<row><c t="inlineStr"><is><t>a</t></is></c></row><row><c><v>2</v></c></row></sheetData></worksheet>`);
    const ctx = { strings: [], kinds: [], date1904: false };
    // a sheet's rows without r are numbered in order; a later part cannot know where it starts
    expect([...sheetXmlRows(xml('<worksheet><sheetData>'), ctx)]).toEqual([
      { row: 1, cells: ['a'] },
      { row: 2, cells: ['2'] },
    ]);
    expect(() => [...sheetXmlRows(xml(''), ctx, true)]).toThrow(UnnumberedRowsError);
    // a reference past column XFD is damage, not a column to make room for
    const far = new TextEncoder().encode('<sheetData><row r="4"><c r="ZZZZZZ4"><v>1</v></c></row></sheetData>');
    expect(() => [...sheetXmlRows(far, ctx)]).toThrow("The sheet has a cell beyond Excel's last column (XFD) in row 4");
  });

  it('reads the first recognised sheet of two, or the one chosen', async () => {
    expect((await workbookToCsv(twoExtractsWorkbook())).sheet).toBe('Police');
    const ambulance = await workbookToCsv(twoExtractsWorkbook(), 'Ambulance');
    expect(ambulance.sheets.map((s) => s.source)).toEqual(['police', 'ambulance']);
    expect(ambulance.headers).toEqual(['incident_ref', 'call_at', 'call_reason', 'age']);
    expect(ambulance.preview).toEqual([
      ['A1', '2024-05-02 01:05:00', 'Stab or penetrating wound', '16'],
      ['A2', '2024-05-03 18:00:00', 'Assault', '19'],
    ]);
    await expect(workbookToCsv(twoExtractsWorkbook(), 'Nope')).rejects.toThrow('The workbook has no sheet called "Nope".');
  });

  it('takes the first row as the header when no sheet has a recognised one', async () => {
    const text = await workbookToCsv(unrecognisedWorkbook());
    expect(text.sheets).toEqual([{ name: 'Sheet1', headerRow: null, source: null }]);
    expect(text.headerRow).toBe(1);
    expect(text.headers).toEqual(['ref', 'when', 'what']);
  });

  it('reads dates of the 1904 date system', async () => {
    // serial 43,651 days after 1 January 1904 is 4 July 2024
    expect((await workbookToCsv(mac1904Workbook())).preview).toEqual([['Y1', 'Q1', '2024-07-04', 'Robbery']]);
  });

  it('refuses a zip bomb before unpacking it, and a workbook larger than the memory allowed', async () => {
    await expect(workbookToCsv(bombWorkbook())).rejects.toThrow(/would unpack to 64 MB from \d+ KB.*zip bomb.*Nothing was read/);
    await expect(workbookToCsv(policeWorkbook(), undefined, { maxBytes: 1000, maxRatio: 200 })).rejects.toThrow(
      /too large to read in the browser: its sheets unpack to 0 MB, more than the 0 MB allowed/,
    );
  });

  it('stops unpacking a part that grows past the size its directory entry declares', async () => {
    const bytes = policeWorkbook().slice();
    const view = new DataView(bytes.buffer);
    const name = new TextEncoder().encode('xl/worksheets/sheet2.xml');
    // the central directory entry of the data sheet: declare 100 bytes unpacked (it is more)
    for (let at = bytes.length - 46; at > 0; at--) {
      if (view.getUint32(at, true) === 0x02014b50 && name.every((b, i) => bytes[at + 46 + i] === b)) view.setUint32(at + 24, 100, true);
    }
    await expect(workbookToCsv(bytes)).rejects.toThrow('The workbook could not be unpacked (a part larger than its directory says, xl/worksheets/sheet2.xml).');
  });

  it('refuses a zip that is not a workbook', async () => {
    const zip = workbookBytes([{ name: 'S', rows: { 1: ['a'] } }], { extraParts: {} });
    await expect(workbookToCsv(zip.subarray(0, 100))).rejects.toThrow(/could not be opened: the file is damaged/);
  });

  it('recognises a workbook by its signature and name, and asks for .xlsx instead of .xls', async () => {
    const bytes = policeWorkbook();
    expect(sniffFile('extract.xlsx', bytes.length, bytes.subarray(0, 100))).toEqual({ ok: true, format: 'xlsx', gzip: false });
    expect(sniffFile('extract.zip', bytes.length, bytes.subarray(0, 100))).toMatchObject({ ok: false, problem: expect.stringMatching(/zip archive/) });
    expect(sniffFile('old.xls', 8, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toEqual({
      ok: false,
      problem: 'This is an old-style Excel workbook (.xls), which is not read. Save it as an Excel workbook (.xlsx) or as CSV, and load that.',
    });
  });
});

describe('the parts of a sheet', () => {
  it('turns date serials into dates and times with no time zone', async () => {
    expect(serialToText(1, 'date', false)).toBe('1900-01-01');
    expect(serialToText(59, 'date', false)).toBe('1900-02-28');
    expect(serialToText(61, 'date', false)).toBe('1900-03-01');
    // 45,382 days after 30 December 1899 is 31 March 2024; .75 of a day is 18:00
    expect(serialToText(45382.75, 'datetime', false)).toBe('2024-03-31 18:00:00');
    expect(serialToText(0.0104166666, 'time', false)).toBe('00:15:00');
    expect(serialToText(0, 'date', true)).toBe('1904-01-01');
  });

  it('tells dates, times and numbers from their format codes', async () => {
    expect(formatKind('dd/mm/yyyy')).toBe('date');
    expect(formatKind('[$-809]dd mmmm yyyy;@')).toBe('date');
    expect(formatKind('mmm-yy')).toBe('date');
    expect(formatKind('h:mm AM/PM')).toBe('time');
    expect(formatKind('[h]:mm:ss')).toBe('time');
    expect(formatKind('mm:ss')).toBe('time');
    expect(formatKind('dd/mm/yyyy\\ hh:mm')).toBe('datetime');
    expect(formatKind('0.00')).toBe('number');
    expect(formatKind('[Red]#,##0;[Blue]-#,##0')).toBe('number');
    expect(formatKind('"Days: "0')).toBe('number');
    expect(formatKind('General')).toBe('number');
  });

  it('reads cells by their references, with prefixed elements and escapes', async () => {
    expect(decodeXml('a &amp; b &lt;c&gt; &#x41;&#66; line_x000D_')).toBe('a & b <c> AB line\r');
    const xml = new TextEncoder().encode(
      '<x:worksheet xmlns:x="main"><x:sheetData><x:row r="2"><x:c r="C2" t="inlineStr"><x:is><x:t>far</x:t></x:is></x:c><x:c r="A2"><x:v>7</x:v></x:c><x:c r=\'AB2\' t=\'s\'><x:v>1</x:v></x:c></x:row><x:row r="5"/></x:sheetData></x:worksheet>',
    );
    // AB is the 28th column; single-quoted attributes are XML too
    expect([...sheetXmlRows(xml, { strings: ['zero', 'one'], kinds: [], date1904: false })]).toEqual([
      { row: 2, cells: ['7', '', 'far', ...Array<string>(24).fill(''), 'one'] },
      { row: 5, cells: [] },
    ]);
  });
});

describe('loading a workbook', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createLoadedDb();
  });
  afterAll(() => t.db.close());

  it('loads the extract sheet: dates in their months, rejections at their sheet rows, the sheet named', async () => {
    const report = await loadBytes(t, 'police-workbook.xlsx', policeWorkbook());
    expect(report.rowsRead).toBe(5);
    expect(report.rowsLoaded).toBe(4);
    expect(report.firstRejections).toEqual([{ line: 8, reason: 'offence_group is blank' }]);
    expect(report.readFrom).toMatch(/sheet “Extract”, header in row 3/);
    const rows = await t.db.query(
      `SELECT record_ref, strftime(event_date, '%Y-%m-%d') AS day, strftime(event_month, '%Y-%m') AS month, event_hour, age, ethnicity::VARCHAR AS ethnicity
       FROM events WHERE source = 'police' ORDER BY record_ref`,
    );
    expect(rows).toEqual([
      { record_ref: 'W1|Victim|', day: '2024-03-31', month: '2024-03', event_hour: 22, age: 15, ethnicity: 'Black' },
      { record_ref: 'W2|Suspect|', day: '2024-04-01', month: '2024-04', event_hour: 23, age: 17, ethnicity: 'Black' },
      { record_ref: 'W3|Victim|', day: '2024-04-14', month: '2024-04', event_hour: null, age: null, ethnicity: 'White' },
      { record_ref: 'W5|Victim|', day: '2024-01-05', month: '2024-01', event_hour: 7, age: 14, ethnicity: 'Asian' },
    ]);
    const police = await t.db.query(`SELECT record_ref, ppn_submitted, offence FROM police ORDER BY record_ref`);
    expect(police.slice(0, 2)).toEqual([
      { record_ref: 'W1|Victim|', ppn_submitted: true, offence: 'Phone taken – “threatened”' },
      { record_ref: 'W2|Suspect|', ppn_submitted: false, offence: 'Assault & wounding <s.20>' },
    ]);
    // the rejected row's record is kept without the row-number column
    const rejected = await t.db.query(`SELECT line, record FROM load_rejections WHERE extract_id = ?`, [report.extractId]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.line).toBe(8);
    expect(String(rejected[0]?.record)).toMatch(/^\{'crime_ref': W4, /);
    expect(String(rejected[0]?.record)).not.toMatch(/_sheet_row/);
  });
});
