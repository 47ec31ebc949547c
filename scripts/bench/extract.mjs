// A police extract of any size for the benchmark, in the partner format: every West Yorkshire LSOA,
// 2019–2025, ages, sexes, mixed ethnicity vocabularies, weapons and PPN flags. Seeded, so two runs
// load the same file.
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { createRandom } from '../demo/random.mjs';

const LSOAS = readFileSync(new URL('../../data/reference/lsoa.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(',')[0]);
const GROUPS = ['Violence with injury', 'Violence without injury', 'Robbery', 'Possession of weapons'];
const ETHNICITY = ['White - English/Welsh/Scottish/Northern Irish/British', 'Asian/Asian British - Pakistani', 'Black/African/Caribbean/Black British - African', 'Mixed/Multiple ethnic groups - White and Black Caribbean', '', 'IC1', 'IC3'];
const WEAPONS = ['knife', 'None', '', 'Body', 'bottle'];

export const EXTRACT_HEADER = 'crime_ref,role,person_ref,occurred_date,occurred_time,offence_group,weapon,lsoa21cd,age,sex,self_defined_ethnicity,ppn_submitted';

export async function writePoliceExtract(file, rows, seed = 42) {
  const rnd = createRandom(seed);
  const out = createWriteStream(file);
  out.write(EXTRACT_HEADER + '\n');
  for (let i = 0; i < rows; i++) {
    const d = `${rnd.int(2019, 2025)}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
    const t = rnd.int(0, 9) < 8 ? `${String(rnd.int(0, 23)).padStart(2, '0')}:${String(rnd.int(0, 59)).padStart(2, '0')}` : '';
    const line = `CR${i},${i % 3 === 0 ? 'Suspect' : 'Victim'},P${rnd.int(1, Math.max(10, Math.floor(rows / 4)))},${d},${t},${rnd.pick(GROUPS)},${rnd.pick(WEAPONS)},${rnd.pick(LSOAS)},${rnd.int(8, 30)},${rnd.pick(['M', 'F', 'F', 'M', 'U'])},${rnd.pick(ETHNICITY)},${rnd.pick(['Y', 'N', ''])}\n`;
    if (!out.write(line)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
}

/**
 * The same rows as an Excel workbook, as a partner saves them from Excel: dates as date cells,
 * ages as numbers, text as shared strings, under a title row. With `numbered: false`, rows and
 * cells carry no numbers, as some other tools write them.
 */
export async function writePoliceWorkbook(csvFile, xlsxFile, { numbered = true } = {}) {
  const { workbookBytes, excelSerial } = await import('../make-test-files.mjs');
  const [header, ...lines] = readFileSync(csvFile, 'utf8').trimEnd().split('\n');
  const columns = header.split(',');
  const dateAt = columns.indexOf('occurred_date');
  const ageAt = columns.indexOf('age');
  const rows = { 1: ['Police extract for the Violence Reduction Partnership'], 3: columns };
  lines.forEach((line, i) => {
    rows[i + 4] = line.split(',').map((v, c) => {
      if (v === '') return null;
      if (c === dateAt) {
        const [y, m, d] = v.split('-').map(Number);
        return { v: excelSerial(y, m, d), s: 1 };
      }
      return c === ageAt ? Number(v) : v;
    });
  });
  writeFileSync(xlsxFile, workbookBytes([{ name: 'Extract', rows }], { numbered }));
}
