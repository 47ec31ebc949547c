import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { JSHandle, Page } from 'playwright-core';
import { baseUrl, chooseFiles, sharedBrowser, loadChosen, openPage, reportNumber, resultRows, runSql, sqlError, sqlRowsInApp } from './harness';

const browser = sharedBrowser();

/** Resident memory of each of this Chromium's renderer processes, in MiB, by process id (Linux). */
async function rendererMiB(): Promise<Map<number, number>> {
  const cdp = await browser().newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    const out = new Map<number, number>();
    for (const p of processInfo.filter((x) => x.type === 'renderer')) {
      const status = readFileSync(`/proc/${p.id}/status`, 'utf8');
      out.set(p.id, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    }
    return out;
  } finally {
    await cdp.detach();
  }
}

/**
 * How much the renderers alive then and now have grown since `then`, in MiB: the open tab with
 * DuckDB's worker in it, and spare renderers that do not grow. Those of closed tabs ending
 * meanwhile are left out.
 */
async function rendererGrowthMiB(then: Map<number, number>): Promise<number> {
  const now = await rendererMiB();
  return [...now].reduce((sum, [pid, mib]) => sum + (then.has(pid) ? mib - then.get(pid)! : 0), 0);
}

/**
 * Lowers DuckDB's memory limit in the SQL console below the 34 MB its CSV reader takes for a
 * buffer, then loads police-basic.csv on the Data page: the text of the card's alert. DuckDB
 * refuses a limit below what it holds, as it does while the Data page's warm-up (warm-up.ts) holds
 * its made-up rows, so the limit is asked for again until DuckDB takes it.
 */
async function loadWithoutMemory(page: Page): Promise<string | null> {
  const lower = async () => {
    await runSql(page, `SET memory_limit = '20MB'`);
    return sqlError(page);
  };
  // to the SQL console, where the limit is set
  await sqlRowsInApp(page, 'SELECT 1');
  await expect.poll(lower, { timeout: 30000 }).toBeNull();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Data', exact: true }).click();
  await chooseFiles(page, ['tests/fixtures/police-basic.csv']);
  await loadChosen(page, 'police-basic.csv');
  return page.locator('article[aria-label="File police-basic.csv"] [role=alert]').textContent();
}

/** A drag carrying one file of this name and text, as the browser gives it to the page's events. */
function fileDrag(page: Page, name: string, text: string): Promise<JSHandle<DataTransfer>> {
  return page.evaluateHandle(
    ([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'text/csv' }));
      return dt;
    },
    [name, text] as const,
  );
}

describe('loading partner files on the Data page', () => {
  it('loads a BOM/CRLF/UK-date/IC-code police CSV, a TSV, Parquet and both police.uk samples; the SQL console sees them in events', async () => {
    const { page, consoleErrors } = await openPage(browser(), '/data?demo=0');
    const parquet = Buffer.from(
      parquetWriteBuffer({
        columnData: [
          { name: 'yjs_ref', data: ['PY1', 'PY2'], type: 'STRING' },
          { name: 'person_ref', data: ['Q1', 'Q9'], type: 'STRING' },
          { name: 'offence_date', data: ['2024-01-20', '2024-02-11'], type: 'STRING' },
          { name: 'offence_type', data: ['Robbery', 'Possession of weapons'], type: 'STRING' },
          { name: 'send', data: [true, false], type: 'BOOLEAN' },
        ],
      }),
    );
    await chooseFiles(page, [
      'tests/fixtures/police-bom-crlf-uk-ic.csv',
      'tests/fixtures/ambulance-bom-crlf-uk.tsv',
      { name: 'yjs.parquet', mimeType: 'application/octet-stream', buffer: parquet },
      'tests/fixtures/police-uk/stop-and-search-west-yorkshire-2021-08-first40.csv',
      'tests/fixtures/police-uk/street-format-excerpt-city-of-london-2018-11.csv',
    ]);
    // each file was recognised from its headers, so its Load button is enabled straight away
    for (const name of ['police-bom-crlf-uk-ic.csv', 'ambulance-bom-crlf-uk.tsv', 'yjs.parquet', 'stop-and-search-west-yorkshire-2021-08-first40.csv', 'street-format-excerpt-city-of-london-2018-11.csv']) {
      await loadChosen(page, name);
    }
    expect(await reportNumber(page, 'police-bom-crlf-uk-ic.csv', 'rows-loaded')).toBe('3');
    expect(await reportNumber(page, 'ambulance-bom-crlf-uk.tsv', 'rows-loaded')).toBe('3');
    expect(await reportNumber(page, 'yjs.parquet', 'rows-loaded')).toBe('2');
    expect(await reportNumber(page, 'stop-and-search-west-yorkshire-2021-08-first40.csv', 'rows-loaded')).toBe('40');
    expect(await reportNumber(page, 'street-format-excerpt-city-of-london-2018-11.csv', 'rows-loaded')).toBe('16');
    await expect(page.locator('table.extracts-table tbody tr').count()).resolves.toBe(5);

    await page.getByRole('link', { name: 'SQL console' }).click();
    await runSql(page, `SELECT source, count(*) AS n, count(*) FILTER (WHERE in_area) AS in_leeds FROM events GROUP BY source ORDER BY source`);
    expect(await resultRows(page)).toEqual([
      ['ambulance', '3', '1'],
      ['police', '3', '2'],
      ['stop_search', '40', '15'],
      ['street_crime', '16', '0'],
      ['yjs', '2', '0'],
    ]);
    await runSql(page, `SELECT record_ref, event_date, event_hour, ethnicity, weapon, sex, age_band FROM events WHERE source = 'police' ORDER BY record_ref`);
    // 02/01/2024 is 2 January (UK order); IC3 → Black, IC1 → White, IC4 → Asian
    expect(await resultRows(page)).toEqual([
      ['B1|Suspect|Q2', '2024-01-02', '18', 'White', 'Unknown', 'Male', '10-17'],
      ['B1|Victim|Q1', '2024-01-02', '18', 'Black', 'Knife or sharp', 'Male', '10-17'],
      ['B2|Victim|Q3', '2023-12-13', '', 'Asian', 'Unknown', 'Female', '10-17'],
    ]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('asks for the source when the headers do not say, and lets the user map a missing required column', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    const csv = 'ref,who,when,what\nM1,Victim,2024-05-01,Robbery\n';
    await chooseFiles(page, [{ name: 'odd-headers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }]);
    const card = page.locator('article[aria-label="File odd-headers.csv"]');
    await expect(card.getByText('Not recognised from the headers').count()).resolves.toBe(1);
    const load = card.getByRole('button', { name: 'Load odd-headers.csv' });
    expect(await load.isDisabled()).toBe(true);
    await card.getByLabel('Source').selectOption('police');
    await expect(card.getByText(/required column missing: crime_ref, role, occurred_date, offence_group/).count()).resolves.toBe(1);
    await card.getByLabel('Column for crime_ref').selectOption('ref');
    await card.getByLabel('Column for role').selectOption('who');
    await card.getByLabel('Column for occurred_date').selectOption('when');
    expect(await load.isDisabled()).toBe(true);
    await card.getByLabel('Column for offence_group').selectOption('what');
    await loadChosen(page, 'odd-headers.csv');
    expect(await reportNumber(page, 'odd-headers.csv', 'rows-loaded')).toBe('1');
    await page.context().close();
  });

  it('the report lists rejections with line and reason, and all of them download as CSV with a reason column', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    await chooseFiles(page, ['tests/fixtures/police-basic.csv']);
    await loadChosen(page, 'police-basic.csv');
    const card = page.locator('article[aria-label="File police-basic.csv"]');
    const shown = await card.locator('[aria-label="Rejected rows of police-basic.csv"] tbody tr').allTextContents();
    expect(shown).toEqual([
      '5occurred_date is not a valid date: "31/02/2024"',
      '6crime_ref is blank',
      '7offence_group is blank',
      '8occurred_date is after the day the file was loaded',
    ]);
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Download all rejected rows (CSV)' }).click()]);
    const text = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('line,reason,record');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^5,"occurred_date is not a valid date: ""31\/02\/2024""",".*crime_ref.*C3.*"$/);
    expect(lines[2]).toMatch(/^6,crime_ref is blank,/);
    await page.context().close();
  });

  it('the report fits its card at 1,280 px: long warnings and examples wrap instead of scrolling out of view', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    await page.setViewportSize({ width: 1280, height: 900 });
    // the longest warning's words, and an example, from a place in Bradford
    const dir = mkdtempSync(path.join(tmpdir(), 'vrp-'));
    const file = path.join(dir, 'police-bradford.csv');
    writeFileSync(file, 'crime_ref,role,person_ref,occurred_date,offence_group,lsoa21cd\nB1,Victim,P1,2024-03-05,Robbery,E01010773\nB2,Victim,P2,2024-03-06,robbery!,E01011264\n');
    await chooseFiles(page, [file]);
    await loadChosen(page, 'police-bradford.csv');
    rmSync(dir, { recursive: true });
    const card = page.locator('article[aria-label="File police-bradford.csv"]');
    const warnings = card.getByRole('region', { name: 'Warnings for police-bradford.csv' });
    expect(await warnings.locator('tbody tr').allTextContents()).toContain(
      'place outside Leeds, elsewhere in West Yorkshire (kept; in the area when the partnership area is West Yorkshire)12E01010773',
    );
    // the table's region shows its whole width, and its last column ends inside the card
    const { scroll, client } = await warnings.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(scroll).toBeLessThanOrEqual(client);
    const last = warnings.locator('thead th').last();
    expect(await last.textContent()).toBe('Example');
    const [cardBox, lastBox] = [(await card.boundingBox())!, (await last.boundingBox())!];
    expect(lastBox.x + lastBox.width).toBeLessThanOrEqual(cardBox.x + cardBox.width);
    await page.context().close();
  });

  it('broken files get a clear error naming the file and leave loaded data intact', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    // with nothing loaded, there is nothing to reassure the user about
    await chooseFiles(page, ['tests/fixtures/broken/empty.csv']);
    const empty = page.locator('article[aria-label="File empty.csv"]');
    expect(await empty.getByRole('alert').textContent()).toBe('empty.csv cannot be loaded. The file is empty.');
    await empty.getByRole('button', { name: 'Dismiss' }).click();
    await empty.waitFor({ state: 'detached' });
    await chooseFiles(page, ['tests/fixtures/police-basic.csv']);
    await loadChosen(page, 'police-basic.csv');
    await chooseFiles(page, [
      'tests/fixtures/broken/police.xlsx',
      'tests/fixtures/broken/junk.csv',
      'tests/fixtures/broken/empty.csv',
      'tests/fixtures/broken/ragged.csv',
    ]);
    const alerts = await page.getByRole('alert').allTextContents();
    // a workbook's name and signature over bytes that are not a workbook
    expect(alerts.some((a) => /police\.xlsx cannot be loaded\. The workbook could not be opened: the file is damaged or is not an Excel workbook/.test(a))).toBe(true);
    expect(alerts.some((a) => /junk\.csv cannot be loaded\./.test(a))).toBe(true);
    expect(alerts.some((a) => /empty\.csv cannot be loaded\. The file is empty\. Nothing already loaded was changed\./.test(a))).toBe(true);
    await page.locator('article[aria-label="File ragged.csv"]').getByLabel('Source').selectOption('police');
    await loadChosen(page, 'ragged.csv');
    const ragged = await page.locator('article[aria-label="File ragged.csv"] [role=alert]').textContent();
    expect(ragged).toMatch(/ragged\.csv was not loaded\. The file could not be read as CSV: line 3 has more values than the header's 4 columns: Z2,Victim,2024-01-02,Robbery,extra,cells\./);
    expect(ragged).toMatch(/Nothing already loaded was changed/);
    expect(await sqlRowsInApp(page, `SELECT count(*) AS n FROM events`)).toEqual([['4']]);
    await page.context().close();
  });

  it('a load DuckDB has no memory for says so, with what to do, and changes nothing', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    await chooseFiles(page, ['tests/fixtures/yjs-basic.csv']);
    await loadChosen(page, 'yjs-basic.csv');
    expect(await loadWithoutMemory(page)).toBe(
      'police-basic.csv was not loaded. DuckDB ran out of memory while reading the file: remove a loaded extract and try again, or load a smaller file. Nothing already loaded was changed.',
    );
    expect(await sqlRowsInApp(page, 'SELECT source, count(*) AS n FROM events GROUP BY source')).toEqual([['yjs', '1']]);
    await page.context().close();
  });

  it('with no extract loaded, a load DuckDB has no memory for says the file is more than the tab can hold', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    expect(await loadWithoutMemory(page)).toBe(
      'police-basic.csv was not loaded. DuckDB ran out of memory while reading the file, with no other extract loaded: the file is more than this browser tab can hold; load part of it (fewer months, say).',
    );
    expect(await sqlRowsInApp(page, 'SELECT count(*) AS n FROM events')).toEqual([['0']]);
    await page.context().close();
  });

  it('a file removed from disk after it was chosen gets a clear error and changes nothing', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    await chooseFiles(page, ['tests/fixtures/yjs-basic.csv']);
    await loadChosen(page, 'yjs-basic.csv');
    const dir = mkdtempSync(path.join(tmpdir(), 'vrp-'));
    const file = path.join(dir, 'moved-police.csv');
    copyFileSync('tests/fixtures/police-basic.csv', file);
    // a path, not bytes: the page gets a file backed by the disk, as when a user picks one
    await page.setInputFiles('input[type=file]', file);
    await page.locator('article[aria-label="File moved-police.csv"]').waitFor();
    rmSync(dir, { recursive: true });
    await loadChosen(page, 'moved-police.csv');
    const alert = await page.locator('article[aria-label="File moved-police.csv"] [role=alert]').textContent();
    expect(alert).toMatch(/moved-police\.csv was not loaded\. The file could not be read, perhaps because it was moved or changed after it was chosen \([^)]+\)\. Choose it again\./);
    expect(await sqlRowsInApp(page, 'SELECT source, count(*) AS n FROM events GROUP BY source')).toEqual([['yjs', '1']]);
    await page.context().close();
  });

  it('a large file chosen from disk loads every row at its own line, and leaves no working table behind', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    const rows = ['crime_ref,role,person_ref,occurred_date,offence_group,lsoa21cd'];
    for (let i = 0; i < 300_000; i++) rows.push(`A${i},Victim,P${i},2024-02-${String((i % 28) + 1).padStart(2, '0')},Violence with injury,E01011264`);
    const text = rows.join('\n') + '\n';
    expect(text.length).toBeGreaterThan(16 * 1024 * 1024);
    const dir = mkdtempSync(path.join(tmpdir(), 'vrp-'));
    const file = path.join(dir, 'large-police.csv');
    writeFileSync(file, text);
    // a path, not bytes: the page gets a file backed by the disk, as when a user picks one
    await page.setInputFiles('input[type=file]', file);
    await page.locator('article[aria-label="File large-police.csv"]').waitFor();
    await loadChosen(page, 'large-police.csv');
    rmSync(dir, { recursive: true });
    expect(await page.locator('article[aria-label="File large-police.csv"]').getByRole('alert').count()).toBe(0);
    expect([await reportNumber(page, 'large-police.csv', 'rows-read'), await reportNumber(page, 'large-police.csv', 'rows-loaded')]).toEqual(['300,000', '300,000']);
    const held = `SELECT (SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '\\_ld\\_%' ESCAPE '\\') AS working, (SELECT count(*) FROM events) AS events,
      (SELECT min(line) FROM police) AS first_line, (SELECT max(line) FROM police) AS last_line`;
    expect(await sqlRowsInApp(page, held)).toEqual([['0', '300000', '2', '300001']]);
    await page.context().close();
  });

  it('a large file DuckDB cannot read: its load names the line, and loaded data is as it was', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    await chooseFiles(page, ['tests/fixtures/yjs-basic.csv']);
    await loadChosen(page, 'yjs-basic.csv');
    const rows = ['crime_ref,role,person_ref,occurred_date,offence_group,lsoa21cd'];
    for (let i = 0; i < 300_000; i++) rows.push(`R${i},Victim,P${i},2024-02-${String((i % 28) + 1).padStart(2, '0')},Violence with injury,E01011264`);
    // the header is line 1 and the good rows lines 2 to 300,001: this is line 300,002
    rows.push('R-x,Victim,P1,2024-02-01,Robbery,E01011264,one too many');
    await chooseFiles(page, [{ name: 'ragged-large.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') }]);
    await loadChosen(page, 'ragged-large.csv');
    const alert = await page.locator('article[aria-label="File ragged-large.csv"] [role=alert]').textContent();
    expect(alert).toContain("ragged-large.csv was not loaded. The file could not be read as CSV: line 300002 has more values than the header's 6 columns");
    expect(alert).toContain('Nothing already loaded was changed.');
    expect(await sqlRowsInApp(page, 'SELECT source, count(*) AS n FROM events GROUP BY source')).toEqual([['yjs', '1']]);
    await page.context().close();
  });

  it('loads a gzipped CSV, and refuses one cut short naming its last line, leaving loaded data as it was', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    const rows = ['crime_ref,role,occurred_date,offence_group'];
    for (let i = 0; i < 200_000; i++) rows.push(`G${i},Victim,2024-03-${String((i % 28) + 1).padStart(2, '0')},Robbery`);
    const gz = gzipSync(rows.join('\n') + '\n');
    await chooseFiles(page, [{ name: 'whole.csv.gz', mimeType: 'application/gzip', buffer: gz }]);
    await loadChosen(page, 'whole.csv.gz');
    expect(await reportNumber(page, 'whole.csv.gz', 'rows-loaded')).toBe('200,000');
    // cut well past the 64 KB the Data page reads, so only DuckDB's own reading finds it
    await chooseFiles(page, [{ name: 'cut.csv.gz', mimeType: 'application/gzip', buffer: gz.subarray(0, Math.floor(gz.length * 0.7)) }]);
    await loadChosen(page, 'cut.csv.gz');
    const alert = (await page.locator('article[aria-label="File cut.csv.gz"] [role=alert]').textContent()) ?? '';
    const m = /cut\.csv\.gz was not loaded\. The file could not be read as CSV: line (\d+) has fewer values than the header's 4 columns: (G\d*)\. The compressed file may be cut short or damaged\./.exec(alert);
    expect(m, alert).not.toBeNull();
    // the line named is where the text stops: the start of that very row
    expect(rows[Number(m![1]) - 1]!.startsWith(m![2]!)).toBe(true);
    expect(await sqlRowsInApp(page, 'SELECT source, count(*) AS n FROM events GROUP BY source')).toEqual([['police', '200000']]);
    await page.context().close();
  });

  it.each([
    ['single-threaded', false],
    ['threaded', true],
  ])('%s, the page holds only the head of a chosen CSV (and on one thread streams the file past for NUL bytes); DuckDB’s worker or a worker of its own reads it whole', async (_, isolated) => {
    const { page } = await openPage(browser(), '/data?demo=0', { isolated });
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    // every read of a file or blob made on the page: how, and its size in bytes
    await page.evaluate(() => {
      const reads: { method: string; size: number }[] = [];
      (window as unknown as { __blobReads: typeof reads }).__blobReads = reads;
      for (const method of ['arrayBuffer', 'text', 'stream', 'bytes'] as const) {
        const original = Blob.prototype[method] as (this: Blob) => unknown;
        if (typeof original !== 'function') continue;
        Object.defineProperty(Blob.prototype, method, {
          configurable: true,
          value(this: Blob) {
            reads.push({ method, size: this.size });
            return original.call(this);
          },
        });
      }
    });
    const rows = ['crime_ref,role,person_ref,occurred_date,offence_group'];
    for (let i = 0; i < 60_000; i++) rows.push(`H${i},Victim,P${i},2024-03-${String((i % 28) + 1).padStart(2, '0')},Robbery`);
    const csv = Buffer.from(rows.join('\n') + '\n');
    expect(csv.length).toBeGreaterThan(2_000_000);
    await chooseFiles(page, [{ name: 'head-only.csv', mimeType: 'text/csv', buffer: csv }]);
    const before = workers.length;
    await loadChosen(page, 'head-only.csv');
    expect(await reportNumber(page, 'head-only.csv', 'rows-loaded')).toBe('60,000');
    const reads = await page.evaluate(() => (window as unknown as { __blobReads: { method: string; size: number }[] }).__blobReads);
    // read into the page's memory: the 64 KB the Data page sniffs, and the one byte that checks the
    // file is still there; the whole file only as a stream (the search for NUL bytes, one buffer),
    // and that only on the single-threaded build, whose DuckDB leaves the page a core
    const held = reads.filter((r) => r.method !== 'stream');
    expect(held.length).toBeGreaterThan(0);
    expect(Math.max(...held.map((r) => r.size))).toBeLessThanOrEqual(64 * 1024);
    expect(reads.filter((r) => r.method === 'stream' && r.size > 64 * 1024).map((r) => r.size)).toEqual(isolated ? [] : [csv.length]);
    // the threaded build's copy is read in a worker started for it, the other build's by DuckDB's worker
    expect(workers.slice(before).filter((u) => /file-bytes-worker/.test(u))).toHaveLength(isolated ? 1 : 0);
    await page.context().close();
  });

  it('shows step-by-step progress for a large file, and Cancel stops it without changing loaded data', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    await chooseFiles(page, ['tests/fixtures/yjs-basic.csv']);
    await loadChosen(page, 'yjs-basic.csv');
    const rows = ['crime_ref,role,person_ref,occurred_date,offence_group'];
    for (let i = 0; i < 400_000; i++) rows.push(`K${i},Victim,P${i},2024-01-${String((i % 28) + 1).padStart(2, '0')},Robbery`);
    await chooseFiles(page, [{ name: 'big-police.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') }]);
    await page.getByRole('button', { name: 'Load big-police.csv', exact: true }).click();
    const card = page.locator('article[aria-label="File big-police.csv"]');
    await page.waitForFunction(() => /^Step [1-5] of 5: /.test(document.querySelector('article[aria-label="File big-police.csv"] .progress-block label')?.textContent ?? ''));
    await card.getByRole('button', { name: 'Cancel' }).click();
    await card.getByRole('alert').waitFor({ timeout: 60000 });
    expect(await card.getByRole('alert').textContent()).toMatch(/big-police\.csv was not loaded\. Loading was cancelled/);
    expect(await sqlRowsInApp(page, 'SELECT source, count(*) AS n FROM events GROUP BY source')).toEqual([['yjs', '1']]);
    await page.context().close();
  });

  it('two files whose Load is clicked together load one after the other, each with its own rows', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    await chooseFiles(page, ['tests/fixtures/police-basic.csv', 'tests/fixtures/yjs-basic.csv']);
    // both loads used to run at once in DuckDB's working tables, and both failed
    await page.getByRole('button', { name: 'Load police-basic.csv', exact: true }).click();
    await page.getByRole('button', { name: 'Load yjs-basic.csv', exact: true }).click();
    for (const name of ['police-basic.csv', 'yjs-basic.csv']) await page.waitForSelector(`article[aria-label="File ${name}"] .load-report, article[aria-label="File ${name}"] [role=alert]`);
    expect(await page.locator('main [role=alert]').count()).toBe(0);
    // hand-counted: police-basic 9 rows read, 4 loaded; yjs-basic 2 read, 1 loaded
    expect([await reportNumber(page, 'police-basic.csv', 'rows-read'), await reportNumber(page, 'police-basic.csv', 'rows-loaded')]).toEqual(['9', '4']);
    expect([await reportNumber(page, 'yjs-basic.csv', 'rows-read'), await reportNumber(page, 'yjs-basic.csv', 'rows-loaded')]).toEqual(['2', '1']);
    expect(await sqlRowsInApp(page, `SELECT source, count(*) AS n FROM events GROUP BY source ORDER BY source`)).toEqual([
      ['police', '4'],
      ['yjs', '1'],
    ]);
    await page.context().close();
  });

  it('opening the Data page warms DuckDB’s code up with a load of made-up rows that keeps nothing and readies no memory; a file chosen after loads its own rows', async () => {
    const { page, consoleErrors } = await openPage(browser(), '/sql?demo=0');
    // a load makes DuckDB's date macros first: none has run yet
    const macros = `SELECT count(*) FROM duckdb_functions() WHERE function_name = 'vrp_dt_parts'`;
    await runSql(page, macros);
    expect(await resultRows(page)).toEqual([['0']]);
    const start = await rendererMiB();
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Data', exact: true }).click();
    await page.getByText('Choose files', { exact: true }).waitFor();
    // the Data page has opened, and nothing is done on it: the warm-up runs a load's steps …
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'SQL console' }).click();
    await page.waitForSelector('.sql-output', { state: 'attached' });
    await expect.poll(async () => (await runSql(page, macros), await resultRows(page)), { timeout: 30000 }).toEqual([['1']]);
    // … and, once it has ended, left no working table, no rows and no extract behind
    const kept = `SELECT (SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '\\_ld\\_%' ESCAPE '\\') AS working,
      (SELECT count(*) FROM police) AS police, (SELECT count(*) FROM extracts) AS extracts, (SELECT count(*) FROM events) AS events`;
    await expect.poll(async () => (await runSql(page, kept), await resultRows(page)), { timeout: 30000 }).toEqual([['0', '0', '0', '0']]);
    // … and readies no memory: the tab grew by what compiling the code takes (40 to 50 MB), not the
    // 256 MiB it readied before 7 December
    expect(await rendererGrowthMiB(start)).toBeLessThan(128);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Data', exact: true }).click();
    await chooseFiles(page, ['tests/fixtures/police-basic.csv']);
    await loadChosen(page, 'police-basic.csv');
    // hand-counted: 9 rows read, 4 loaded
    expect([await reportNumber(page, 'police-basic.csv', 'rows-read'), await reportNumber(page, 'police-basic.csv', 'rows-loaded')]).toEqual(['9', '4']);
    await expect(page.locator('table.extracts-table tbody tr').count()).resolves.toBe(1);
    expect(await sqlRowsInApp(page, `SELECT count(*) AS n, count(*) FILTER (WHERE record_ref LIKE 'WU%') AS made_up FROM events`)).toEqual([['4', '0']]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('a page other than the Data page does not warm up for a load', async () => {
    const { page } = await openPage(browser(), '/sql?demo=0');
    const macros = `SELECT count(*) FROM duckdb_functions() WHERE function_name = 'vrp_dt_parts'`;
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Trends' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trends' }).waitFor();
    await page.waitForTimeout(5000);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'SQL console' }).click();
    await page.waitForSelector('.sql-output', { state: 'attached' });
    await runSql(page, macros);
    expect(await resultRows(page)).toEqual([['0']]);
    await page.context().close();
  });

  it('a file dropped anywhere on the Data page is read and loads, and a drag that leaves the page changes nothing', async () => {
    const { page, consoleErrors } = await openPage(browser(), '/data?demo=0');
    await page.getByText('Choose files', { exact: true }).waitFor();
    const dragging = page.locator('.drop-zone.dragging');
    // a drag of text, not files, is not taken for a file
    const text = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', 'x');
      return dt;
    });
    await page.dispatchEvent('main h1', 'dragenter', { dataTransfer: text });
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
    expect(await dragging.count()).toBe(0);
    // files entering the heading, then its paragraph, then leaving both: highlighted until the last leave
    await page.dispatchEvent('main h1', 'dragenter', { dataTransfer: await fileDrag(page, 'a.csv', 'x\n') });
    await dragging.waitFor();
    await page.dispatchEvent('main .page-header .lede', 'dragenter', { dataTransfer: await fileDrag(page, 'a.csv', 'x\n') });
    await page.dispatchEvent('main h1', 'dragleave', { dataTransfer: await fileDrag(page, 'a.csv', 'x\n') });
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
    expect(await dragging.count()).toBe(1);
    await page.dispatchEvent('main .page-header .lede', 'dragleave', { dataTransfer: await fileDrag(page, 'a.csv', 'x\n') });
    await dragging.waitFor({ state: 'detached' });
    expect(await page.locator('main article').count()).toBe(0);
    // dropped on the page's heading, outside the drop zone
    const csv = readFileSync('tests/fixtures/police-basic.csv', 'utf8');
    await page.dispatchEvent('main h1', 'drop', { dataTransfer: await fileDrag(page, 'police-basic.csv', csv) });
    await loadChosen(page, 'police-basic.csv');
    // hand-counted: 9 rows read, 4 loaded
    expect([await reportNumber(page, 'police-basic.csv', 'rows-read'), await reportNumber(page, 'police-basic.csv', 'rows-loaded')]).toEqual(['9', '4']);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('a file dropped while the database is still starting is refused with a message, and taken once it is ready', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    // DuckDB's WebAssembly is held back until the drop has been made
    let release: () => void = () => undefined;
    const held = new Promise<void>((done) => (release = done));
    await context.route('**/*.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${baseUrl()}/data?demo=0`);
    await page.locator('main h1').waitFor();
    const csv = readFileSync('tests/fixtures/police-basic.csv', 'utf8');
    await page.dispatchEvent('main h1', 'drop', { dataTransfer: await fileDrag(page, 'police-basic.csv', csv) });
    const notice = page.getByText('The database is still starting: drop the files again once the top bar says it is ready.');
    await notice.waitFor();
    expect(await page.locator('main article').count()).toBe(0);
    release();
    await page.waitForSelector('[data-state="ready"]', { timeout: 60000 });
    await notice.waitFor({ state: 'detached' });
    await page.dispatchEvent('main h1', 'drop', { dataTransfer: await fileDrag(page, 'police-basic.csv', csv) });
    await loadChosen(page, 'police-basic.csv');
    expect(await reportNumber(page, 'police-basic.csv', 'rows-loaded')).toBe('4');
    await context.close();
  });

  it('a file dragged or dropped on a view that takes none is refused, so the browser cannot open it in place of the app', async () => {
    const { page, consoleErrors } = await openPage(browser(), '/trends?demo=0');
    await page.locator('main h1').waitFor();
    /** Sends a drag event to the view's heading; true if the page cancelled the browser's own handling. */
    const send = (type: 'dragover' | 'drop', files: boolean) =>
      page.evaluate(
        ([t, withFile]) => {
          const dt = new DataTransfer();
          if (withFile) dt.items.add(new File(['crime_ref\n'], 'a.csv', { type: 'text/csv' }));
          else dt.setData('text/plain', 'x');
          const ev = new DragEvent(t, { bubbles: true, cancelable: true, dataTransfer: dt });
          document.querySelector('main h1')!.dispatchEvent(ev);
          return ev.defaultPrevented;
        },
        [type, files] as const,
      );
    expect([await send('dragover', true), await send('drop', true)]).toEqual([true, true]);
    // text dragged within the page is left to the browser
    expect([await send('dragover', false), await send('drop', false)]).toEqual([false, false]);
    // the view is still there; then the Data page, reached in the app, takes a dropped file
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Data', exact: true }).click();
    await page.getByText('Choose files', { exact: true }).waitFor();
    expect(await send('drop', true)).toBe(true);
    await page.locator('article[aria-label="File a.csv"]').waitFor();
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('asks before the tab is closed while partner extracts are loaded, not while only the demo is', async () => {
    const demo = await openPage(browser(), '/data');
    await demo.page.locator('table.extracts-table tbody tr').first().waitFor();
    // a click first: browsers ask only on pages the user has acted on
    await demo.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Trends' }).click();
    await demo.page.getByRole('heading', { level: 1, name: 'Trends' }).waitFor();
    const demoDialogs: string[] = [];
    demo.page.on('dialog', (d) => {
      demoDialogs.push(d.type());
      void d.accept();
    });
    const demoClosed = demo.page.waitForEvent('close');
    await demo.page.close({ runBeforeUnload: true });
    await demoClosed;
    expect(demoDialogs).toEqual([]);
    await demo.page.context().close();

    const { page } = await openPage(browser(), '/data?demo=0');
    await chooseFiles(page, ['tests/fixtures/police-basic.csv']);
    await loadChosen(page, 'police-basic.csv');
    await page.locator('table.extracts-table tbody tr').first().waitFor();
    // the page knows a partner extract is loaded once it offers to keep it (the same query decides both)
    await page.getByRole('button', { name: 'Keep the loaded data in this browser' }).and(page.locator(':enabled')).waitFor();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      // the user chooses to stay
      void d.dismiss();
    });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => dialogs).toEqual(['beforeunload']);
    expect(page.isClosed()).toBe(false);
    // with the partner extract removed there is nothing to lose: the tab closes without asking
    await page.getByRole('button', { name: 'Remove police-basic.csv' }).click();
    await page.locator('table.extracts-table').waitFor({ state: 'detached' });
    await page.getByText('Nothing is loaded. Load partner extracts to keep them.').waitFor();
    const closed = page.waitForEvent('close');
    await page.close({ runBeforeUnload: true });
    await closed;
    expect(dialogs).toEqual(['beforeunload']);
    await page.context().close();
  });

  it('Remove takes an extract’s rows out of events', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    await chooseFiles(page, ['tests/fixtures/police-basic.csv', 'tests/fixtures/yjs-basic.csv']);
    await loadChosen(page, 'police-basic.csv');
    await loadChosen(page, 'yjs-basic.csv');
    await page.getByRole('button', { name: 'Remove police-basic.csv' }).click();
    await page.waitForFunction(() => document.querySelectorAll('table.extracts-table tbody tr').length === 1);
    expect(await sqlRowsInApp(page, `SELECT source, count(*) AS n FROM events GROUP BY source`)).toEqual([['yjs', '1']]);
    await page.context().close();
  });
});
