#!/usr/bin/env node
// Writes the files partners really send, for the tests: Excel workbooks (date cells, several sheets,
// title rows, a formula, a zip bomb), Windows-1252 and UTF-16 text, NUL bytes and long fields.
// The workbooks are written here by hand from SpreadsheetML, not by the app's own code, so the
// app's reader is tested against files it did not make.
//   node scripts/make-test-files.mjs <folder>
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Excel's serial for a date and time (1900 date system): days since 30 December 1899. */
export function excelSerial(y, m, d, hh = 0, mm = 0, ss = 0) {
  return (Date.UTC(y, m - 1, d, hh, mm, ss) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

const colName = (i) => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/**
 * A cell: a string (shared), a number, or { v, t, s, f, runs } for a typed, styled, formula or
 * rich-text cell; null leaves it out.
 */
function cellXml(cell, ref, shared) {
  if (cell === null || cell === undefined) return '';
  const c = typeof cell === 'object' ? cell : { v: cell };
  const style = c.s === undefined ? '' : ` s="${c.s}"`;
  const formula = c.f === undefined ? '' : `<f>${esc(c.f)}</f>`;
  if (c.empty) return `<c r="${ref}"${style}/>`;
  if (c.runs) {
    shared.push(`<si>${c.runs.map((r) => `<r><rPr><b/></rPr><t xml:space="preserve">${esc(r)}</t></r>`).join('')}<rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>`);
    return `<c r="${ref}" t="s"${style}><v>${shared.length - 1}</v></c>`;
  }
  if (c.t === 'inline') return `<c r="${ref}" t="inlineStr"${style}><is><t>${esc(c.v)}</t></is></c>`;
  if (c.t === 'e') return `<c r="${ref}" t="e"${style}>${formula}<v>#DIV/0!</v></c>`;
  if (c.t === 'b') return `<c r="${ref}" t="b"${style}>${formula}<v>${c.v ? 1 : 0}</v></c>`;
  if (c.t === 'str') return `<c r="${ref}" t="str"${style}>${formula}<v>${esc(c.v)}</v></c>`;
  if (typeof c.v === 'number') return `<c r="${ref}"${style}>${formula}<v>${c.v}</v></c>`;
  // each text once in the shared strings, as Excel writes them
  let index = shared.index.get(c.v);
  if (index === undefined) {
    index = shared.length;
    shared.index.set(c.v, index);
    shared.push(`<si><t xml:space="preserve">${esc(c.v)}</t></si>`);
  }
  return `<c r="${ref}" t="s"${style}>${formula}<v>${index}</v></c>`;
}

/**
 * An .xlsx from sheets of rows ({ name, rows: { [rowNumber]: cells[] } }). Styles: 0 general,
 * 1 a date (built-in 14), 2 a date and time (custom dd/mm/yyyy hh:mm), 3 a time (built-in 20),
 * 4 a date with a locale tag (custom [$-809]dd mmmm yyyy;@), 5 a number with two decimals.
 */
export function workbookBytes(sheets, { date1904 = false, extraParts = {}, numbered = true } = {}) {
  const shared = Object.assign([], { index: new Map() });
  const files = {};
  // without numbers (as some tools write sheets), rows and cells have no r and every cell is written
  const cell = (c, ref) => (numbered ? cellXml(c, ref, shared) : cellXml(c ?? { empty: true }, ref, shared).replace(/ r="[A-Z]+\d+"/, ''));
  const rowTag = (r) => (numbered ? `<row r="${r}"` : '<row');
  sheets.forEach((sheet, i) => {
    const rows = Object.entries(sheet.rows)
      .map(([r, cells]) => (cells === 'empty' ? `${rowTag(r)}/>` : `${rowTag(r)}>${cells.map((c, j) => cell(c, `${colName(j)}${r}`)).join('')}</row>`))
      .join('');
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><cols><col min="1" max="3" width="12"/></cols><sheetData>${rows}</sheetData></worksheet>`,
    );
  });
  files['[Content_Types].xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
  );
  files['_rels/.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  files['xl/styles.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/><numFmt numFmtId="165" formatCode="[$-809]dd\\ mmmm\\ yyyy;@"/></numFmts><cellXfs count="6"><xf numFmtId="0" fontId="0"/><xf numFmtId="14" fontId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" applyNumberFormat="1"/><xf numFmtId="20" fontId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" applyNumberFormat="1"/><xf numFmtId="2" fontId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
  );
  files['xl/sharedStrings.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">${shared.join('')}</sst>`,
  );
  Object.assign(files, extraParts);
  return zipSync(files, { level: 6 });
}

const POLICE_HEADER = ['crime_ref', 'role', 'occurred_date', 'occurred_time', 'offence_group', 'age', 'ethnicity', 'ppn_submitted', 'lsoa21cd', 'offence'];

/**
 * A police extract as an analyst saves it from Excel: a notes sheet first, then the data under a
 * title and a blank row, with date, date-time and time cells, a formula, a rich-text value, a
 * boolean, an empty row and a row rejected for its blank offence group (sheet row 8).
 */
export function policeWorkbook() {
  return workbookBytes([
    { name: 'Notes', rows: { 1: ['Extract prepared for the VRP under the data-sharing agreement.'], 2: ['Do not circulate.'] } },
    {
      name: 'Extract',
      rows: {
        1: [{ v: 'West Yorkshire Police – violence involving under-25s, March–April 2024', t: 'inline' }],
        2: 'empty',
        3: POLICE_HEADER,
        // 22:30 on 31 March 2024, the day clocks went forward: the date must not move
        4: ['W1', 'Victim', { v: excelSerial(2024, 3, 31), s: 1 }, { v: excelSerial(1899, 12, 30, 22, 30), s: 3 }, 'Robbery', { v: 15, f: '10+5' }, { runs: ['Black, Black British, Black Welsh, Caribbean or African: ', 'Caribbean'] }, { v: true, t: 'b' }, 'E01011264', 'Phone taken – “threatened”'],
        5: ['W2', 'Suspect', { v: excelSerial(2024, 4, 1, 23, 59, 30), s: 2 }, null, 'Violence with injury', { v: 17, s: 5 }, 'IC3', { v: false, t: 'b' }, null, 'Assault & wounding <s.20>'],
        6: [{ empty: true }, null, { v: '', t: 'inline' }],
        7: ['W3', 'Victim', { v: excelSerial(2024, 4, 14), s: 4 }, null, 'Possession of weapons', null, 'White: Irish', null, 'E01011265', { t: 'e', f: 'A1/0' }],
        8: ['W4', 'Victim', { v: excelSerial(2023, 12, 25), s: 1 }, null, null, 16],
        9: ['W5', 'Victim', '05/01/2024', '07:15', 'Robbery', '14', 'Asian', 'N', null, null],
      },
    },
  ]);
}

/** Two sheets that are both extracts (police first, then ambulance): the police one is read unless the other is chosen. */
export function twoExtractsWorkbook() {
  return workbookBytes([
    { name: 'Police', rows: { 1: ['crime_ref', 'role', 'occurred_date', 'offence_group'], 2: ['P1', 'Victim', { v: excelSerial(2024, 2, 10), s: 1 }, 'Robbery'] } },
    {
      name: 'Ambulance',
      rows: {
        1: ['incident_ref', 'call_at', 'call_reason', 'age'],
        2: ['A1', { v: excelSerial(2024, 5, 2, 1, 5), s: 2 }, 'Stab or penetrating wound', 16],
        3: ['A2', { v: excelSerial(2024, 5, 3, 18, 0), s: 2 }, 'Assault', 19],
      },
    },
  ]);
}

/** A workbook with no header the app recognises. */
export function unrecognisedWorkbook() {
  return workbookBytes([{ name: 'Sheet1', rows: { 1: ['ref', 'when', 'what'], 2: ['X1', 'yesterday', 'fight'] } }]);
}

/** A workbook in the 1904 date system (old Mac Excel): serial 0 is 1 January 1904. */
export function mac1904Workbook() {
  const serial = (Date.UTC(2024, 6, 4) - Date.UTC(1904, 0, 1)) / 86_400_000;
  return workbookBytes([{ name: 'Data', rows: { 1: ['yjs_ref', 'person_ref', 'offence_date', 'offence_type'], 2: ['Y1', 'Q1', { v: serial, s: 1 }, 'Robbery'] } }], { date1904: true });
}

/** A zip bomb dressed as a workbook: its sheet unpacks to 64 MiB of zeros from about 64 KB. */
export function bombWorkbook() {
  return workbookBytes([{ name: 'Sheet1', rows: { 1: ['crime_ref'] } }], { extraParts: { 'xl/worksheets/sheet1.xml': new Uint8Array(64 * 1024 * 1024) } });
}

/** Windows-1252 bytes of text (what Excel's "CSV (Comma delimited)" writes). */
function cp1252(text) {
  const special = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
  return Uint8Array.from([...text].map((ch) => special[ch] ?? (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 0x3f)));
}

function utf16(text, bigEndian) {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2] = bigEndian ? c >> 8 : c & 0xff;
    out[3 + i * 2] = bigEndian ? c & 0xff : c >> 8;
  }
  return out;
}

/** The texts the encoding tests check, exactly as they must be read back. */
export const ENCODED_OFFENCES = ['Café fight – “stab” threat', 'Took £50 and a phone…'];

export function policeWindows1252() {
  return cp1252(
    `crime_ref,role,occurred_date,offence_group,offence\r\nE1,Victim,03/02/2024,Robbery,${ENCODED_OFFENCES[0]}\r\nE2,Victim,2024-02-04,Robbery,${ENCODED_OFFENCES[1]}\r\n`,
  );
}

/** Plain ASCII for more than the 64 KB the Data page looks at, then one Windows-1252 row. */
export function policeLateWindows1252() {
  const rows = Array.from({ length: 1500 }, (_, i) => `L${i},Victim,2024-03-01,Robbery,plain text row number ${i} padded out`);
  return cp1252(`crime_ref,role,occurred_date,offence_group,offence\n${rows.join('\n')}\nL9999,Victim,2024-03-02,Robbery,${ENCODED_OFFENCES[0]}\n`);
}

/** Excel's "Unicode text": UTF-16 little-endian with a byte-order mark, tab-separated. */
export function ambulanceUtf16le() {
  return utf16('incident_ref\tcall_at\tcall_reason\tage\r\nU1\t2024-05-01 10:00\tAssault\t15\r\nU2\t02/05/2024 23:10\tStab or penetrating wound\t17\r\n', false);
}

export function policeUtf16be() {
  return utf16(`crime_ref,role,occurred_date,offence_group,offence\nB1,Victim,2024-06-01,Robbery,${ENCODED_OFFENCES[0]}\n`, true);
}

/** NUL bytes inside values on lines 3 and 5. */
export function policeNul() {
  const text = 'crime_ref,role,occurred_date,offence_group\nN1,Victim,2024-01-01,Robbery\nN2,Vic\0tim,2024-01-02,Robbery\nN3,Victim,2024-01-03,Robbery\nN4\0\0,Victim,2024-01-04,Robbery\n';
  return new TextEncoder().encode(text);
}

/** An ED extract whose second row's location description is `mb` MB (10^6 bytes) long. */
export function edLongField(mb) {
  const long = 'x'.repeat(mb * 1_000_000);
  return new TextEncoder().encode(
    `attendance_ref,arrival_at,assault_method,assault_location_description\nD1,2024-01-05 10:00,knife,bus stop\nD2,2024-01-06 11:00,body,"${long}"\nD3,2024-01-07 12:00,bottle,park\n`,
  );
}

/** Every test file, by name. */
export function testFiles() {
  return {
    'police-workbook.xlsx': policeWorkbook(),
    'two-extracts.xlsx': twoExtractsWorkbook(),
    'unrecognised.xlsx': unrecognisedWorkbook(),
    'mac-1904.xlsx': mac1904Workbook(),
    'bomb.xlsx': bombWorkbook(),
    'police-windows-1252.csv': policeWindows1252(),
    'police-late-windows-1252.csv': policeLateWindows1252(),
    'ambulance-unicode-text.txt': ambulanceUtf16le(),
    'police-utf16be.csv': policeUtf16be(),
    'police-nul.csv': policeNul(),
    'ed-5mb-field.csv': edLongField(5),
    'ed-20mb-field.csv': edLongField(20),
  };
}

export function writeTestFiles(dir) {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(testFiles())) writeFileSync(path.join(dir, name), bytes);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('Usage: node scripts/make-test-files.mjs <folder>');
    process.exit(1);
  }
  writeTestFiles(dir);
  console.log(`Wrote ${Object.keys(testFiles()).length} files to ${dir}`);
}
