import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chooseFiles, loadChosen, openPage, reportNumber, resultRows, runSql, sharedBrowser, sqlRowsInApp } from './harness';
import { ENCODED_OFFENCES, writeTestFiles } from '../../scripts/make-test-files.mjs';
import { writePoliceExtract, writePoliceWorkbook } from '../../scripts/bench/extract.mjs';
import { statSync } from 'node:fs';

const browser = sharedBrowser();
let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vrp-partner-files-'));
  writeTestFiles(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const card = (page: Page, name: string) => page.locator(`article[aria-label="File ${name}"]`);
const warningsOf = (page: Page, name: string) => card(page, name).locator(`[aria-label="Warnings for ${name}"] tbody tr`).allTextContents();

describe('files as partners send them, through the Data page', () => {
  it('loads a workbook, Windows-1252 and UTF-16 text, NUL bytes and a 5 MB value, each checked by SQL', async () => {
    const { page, consoleErrors } = await openPage(browser(), '/data?demo=0');
    const names = ['police-workbook.xlsx', 'police-windows-1252.csv', 'police-late-windows-1252.csv', 'ambulance-unicode-text.txt', 'police-nul.csv', 'ed-5mb-field.csv'];
    await chooseFiles(page, names.map(file));
    await expect(card(page, 'police-workbook.xlsx').getByText('Read from sheet “Extract” of 2, header in row 3 (the rows above it skipped).').count()).resolves.toBe(1);
    await expect(card(page, 'police-windows-1252.csv').getByText(/Windows-1252 text/).count()).resolves.toBe(1);
    for (const name of names) await loadChosen(page, name);

    expect(await reportNumber(page, 'police-workbook.xlsx', 'rows-loaded')).toBe('4');
    expect(await reportNumber(page, 'police-workbook.xlsx', 'rows-rejected')).toBe('1');
    expect(await reportNumber(page, 'police-workbook.xlsx', 'read-from')).toMatch(/^sheet “Extract”, header in row 3/);
    // the row left blank in the sheet's offence group is rejected at its own row
    expect(await card(page, 'police-workbook.xlsx').locator('[aria-label="Rejected rows of police-workbook.xlsx"] tbody tr').allTextContents()).toEqual(['8offence_group is blank']);
    expect(await warningsOf(page, 'police-windows-1252.csv')).toEqual([expect.stringMatching(/^text read as Windows-1252, not UTF-8.*2—/)]);
    // bytes that are not UTF-8 only past the first 64 KB: read again as Windows-1252
    expect(await reportNumber(page, 'police-late-windows-1252.csv', 'rows-loaded')).toBe('1,501');
    expect(await warningsOf(page, 'police-late-windows-1252.csv')).toEqual([expect.stringMatching(/^text read as Windows-1252/)]);
    expect(await warningsOf(page, 'ambulance-unicode-text.txt')).toEqual([expect.stringMatching(/^text read as UTF-16 \(little-endian\)/)]);
    expect(await warningsOf(page, 'police-nul.csv')).toEqual(['NUL bytes removed from the text23—']);
    expect(await reportNumber(page, 'ed-5mb-field.csv', 'rows-loaded')).toBe('3');

    const rows = await sqlRowsInApp(
      page,
      `SELECT record_ref, strftime(event_date, '%Y-%m-%d') AS day, event_hour, ethnicity FROM events WHERE source = 'police' AND record_ref LIKE 'W%' ORDER BY 1`,
    );
    expect(rows).toEqual([
      ['W1|Victim|', '2024-03-31', '22', 'Black'],
      ['W2|Suspect|', '2024-04-01', '23', 'Black'],
      ['W3|Victim|', '2024-04-14', '', 'White'],
      ['W5|Victim|', '2024-01-05', '7', 'Asian'],
    ]);
    await runSql(page, `SELECT offence FROM police WHERE record_ref IN ('E1|Victim|', 'E2|Victim|', 'L9999|Victim|') ORDER BY record_ref`);
    expect((await resultRows(page)).map((r) => r[0])).toEqual([...ENCODED_OFFENCES, ENCODED_OFFENCES[0]]);
    await runSql(page, `SELECT record_ref, strftime(event_date, '%Y-%m-%d') AS day FROM events WHERE source = 'ambulance' ORDER BY 1`);
    expect(await resultRows(page)).toEqual([
      ['U1', '2024-05-01'],
      ['U2', '2024-05-02'],
    ]);
    await runSql(page, `SELECT string_agg(record_ref, ' ' ORDER BY record_ref) AS refs, count(*) FILTER (WHERE contains(role::VARCHAR, chr(0))) AS nul FROM police WHERE record_ref LIKE 'N%'`);
    expect(await resultRows(page)).toEqual([['N1|Victim| N2|Victim| N3|Victim| N4|Victim|', '0']]);
    await runSql(page, `SELECT record_ref, length(assault_location_description) AS n FROM ed ORDER BY 1`);
    expect(await resultRows(page)).toEqual([
      ['D1', '8'],
      ['D2', '5000000'],
      ['D3', '4'],
    ]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  /**
   * Loads a police workbook of more than 1 MB made from `rows` rows, and returns, from SQL: how many
   * crime_refs, the first and last line, and how many rows are not at sheet row i + `offset` (the
   * extract's crime_ref is CR<i> for its i-th row).
   */
  async function loadBigWorkbook(name: string, rows: number, offset: number, numbered: boolean): Promise<string[][]> {
    await writePoliceExtract(file(`${name}.csv`), rows, rows % 97);
    await writePoliceWorkbook(file(`${name}.csv`), file(`${name}.xlsx`), { numbered });
    expect(statSync(file(`${name}.xlsx`)).size).toBeGreaterThan(1024 * 1024);
    const { page } = await openPage(browser(), '/data?demo=0');
    await chooseFiles(page, [file(`${name}.xlsx`)]);
    await loadChosen(page, `${name}.xlsx`);
    expect(await reportNumber(page, `${name}.xlsx`, 'rows-read')).toBe(rows.toLocaleString('en-GB'));
    const ref = `split_part(record_ref, '|', 1)`;
    const found = await sqlRowsInApp(
      page,
      `SELECT count(DISTINCT ${ref}) AS refs, min(line) AS first, max(line) AS last, count(*) FILTER (WHERE line <> substr(${ref}, 3)::INTEGER + ${offset}) AS misplaced FROM police`,
    );
    await page.context().close();
    return found;
  }

  it('reads a workbook of more than 1 MB in two parts, every row once, in order', async () => {
    // CR<i> is sheet row i + 4 (title, blank, header)
    expect(await loadBigWorkbook('big', 30000, 4, true)).toEqual([['30000', '4', '30003', '0']]);
  });

  it('reads a workbook of more than 1 MB whose rows carry no numbers whole, each row at its place', async () => {
    // rows are counted as they come: the title is row 1 and the header row 2 (no blank row is
    // written), so CR<i> is row i + 3
    expect(await loadBigWorkbook('unnumbered', 40000, 3, false)).toEqual([['40000', '3', '40002', '0']]);
  });

  it('offers the sheets of a workbook with two extracts, and loads the one chosen', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    await chooseFiles(page, [file('two-extracts.xlsx')]);
    const sheet = card(page, 'two-extracts.xlsx').getByLabel('Sheet');
    expect(await sheet.inputValue()).toBe('Police');
    await sheet.selectOption('Ambulance');
    await page.waitForSelector('article[aria-label="File two-extracts.xlsx"] [data-sheet="Ambulance"]');
    expect(await card(page, 'two-extracts.xlsx').getByLabel('Source').inputValue()).toBe('ambulance');
    await loadChosen(page, 'two-extracts.xlsx');
    expect(await reportNumber(page, 'two-extracts.xlsx', 'rows-loaded')).toBe('2');
    expect(await sqlRowsInApp(page, `SELECT source, strftime(event_month, '%Y-%m') AS month, count(*) AS n FROM events GROUP BY ALL ORDER BY ALL`)).toEqual([['ambulance', '2024-05', '2']]);
    await page.context().close();
  });

  it('refuses a zip bomb and an old .xls with a clear message, and what is loaded stays as it was', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    await chooseFiles(page, [file('police-windows-1252.csv')]);
    await loadChosen(page, 'police-windows-1252.csv');
    await chooseFiles(page, [
      file('bomb.xlsx'),
      { name: 'old.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]) },
    ]);
    await expect(card(page, 'bomb.xlsx').getByRole('alert').textContent()).resolves.toMatch(/bomb\.xlsx cannot be loaded\. The workbook was refused: .*zip bomb/);
    await expect(card(page, 'old.xls').getByRole('alert').textContent()).resolves.toMatch(/old-style Excel workbook \(\.xls\).*Save it as an Excel workbook \(\.xlsx\) or as CSV/);
    expect(await sqlRowsInApp(page, `SELECT count(*) AS n FROM events`)).toEqual([['2']]);
    await page.context().close();
  });

  it('gives a CSV and an Excel template for each extract that load as they are', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    const guide = page.getByRole('region', { name: 'What to send' });
    await guide.locator('summary', { hasText: 'Youth Justice Service extract' }).click();
    await expect(guide.getByRole('cell', { name: 'exploitation_concern' }).count()).resolves.toBe(1);
    const saved: string[] = [];
    for (const label of ['Youth Justice Service template (CSV)', 'Youth Justice Service template (Excel)']) {
      const [download] = await Promise.all([page.waitForEvent('download'), guide.getByRole('button', { name: label }).click()]);
      const to = file(download.suggestedFilename());
      await download.saveAs(to);
      saved.push(to);
    }
    expect(saved.map((p) => path.basename(p))).toEqual(['yjs-template.csv', 'yjs-template.xlsx']);
    await chooseFiles(page, saved);
    for (const name of ['yjs-template.csv', 'yjs-template.xlsx']) {
      await loadChosen(page, name);
      expect(await reportNumber(page, name, 'rows-loaded')).toBe('2');
      expect(await reportNumber(page, name, 'rows-rejected')).toBe('0');
    }
    await page.context().close();
  });
});
