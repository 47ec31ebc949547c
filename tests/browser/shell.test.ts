import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { baseUrl, chooseFiles, loadChosen, reportNumber, sharedBrowser, openPage, resultHeader, resultRows, runSql, sqlRowsInApp } from './harness';
import { threadsFor } from '@/data/threads';

const ROUTES: [string, string][] = [
  ['/', 'Overview'],
  ['/trends', 'Trends'],
  ['/places', 'Places'],
  ['/disproportionality', 'Disproportionality'],
  ['/partnership', 'Partnership'],
  ['/evaluate', 'Evaluate'],
  ['/quality', 'Data quality'],
  ['/data', 'Data'],
  ['/sql', 'SQL console'],
];

const browser = sharedBrowser();

describe('app shell', () => {
  for (const [path, heading] of ROUTES) {
    it(`deep link ${path} opens with its heading, a ready database and no console error`, async () => {
      const { page, consoleErrors } = await openPage(browser(), path);
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      await page.reload();
      await page.waitForSelector('[data-state="ready"]');
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    });
  }

  it('navigates between views from the menu without reloading, and back works', async () => {
    const { page } = await openPage(browser(), '/');
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'SQL console' }).click();
    // views load as chunks: while one loads, the previous view stays in the DOM, hidden
    await page.getByRole('heading', { level: 1, name: 'SQL console', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sql');
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Overview');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await page.context().close();
  });

  it('tells the user plainly about an unknown address', async () => {
    const { page } = await openPage(browser(), '/no-such-view');
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    await page.context().close();
  });
});

describe('SQL console', () => {
  it('answers SELECT 42 AS answer with a one-row table', async () => {
    const { page, consoleErrors } = await openPage(browser(), '/sql');
    await runSql(page, 'SELECT 42 AS answer');
    expect(await resultHeader(page)).toEqual(['answer']);
    expect(await resultRows(page)).toEqual([['42']]);
    await expect(page.locator('.result-count').textContent()).resolves.toBe('1 row');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('shows DuckDB’s error for a broken query and still runs the next one', async () => {
    const { page } = await openPage(browser(), '/sql');
    await runSql(page, 'SELEC 1');
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toMatch(/Parser Error: syntax error at or near "SELEC"/);
    await runSql(page, 'SELECT 6 * 7 AS answer');
    expect(await resultRows(page)).toEqual([['42']]);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.context().close();
  });

  it('runs with Ctrl+Enter, states the total and shows only the first 1,000 rows', async () => {
    const { page } = await openPage(browser(), '/sql');
    await page.getByLabel('SQL', { exact: true }).fill('SELECT range AS i FROM range(1500)');
    await page.getByLabel('SQL', { exact: true }).press('Control+Enter');
    await page.waitForSelector('.result-count');
    await expect(page.locator('.result-count').textContent()).resolves.toBe('1,500 rows (first 1,000 shown)');
    expect(await page.locator('table.data-table tbody tr').count()).toBe(1000);
    await page.context().close();
  });

  it('exports the full result as CSV with formula-like text neutralised', async () => {
    const { page } = await openPage(browser(), '/sql');
    await runSql(page, "SELECT range AS i, CASE WHEN range = 0 THEN '=1+1' ELSE 'ok' END AS t FROM range(1200)");
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    const lines = text.trimEnd().split('\r\n').filter((l) => !l.startsWith('#'));
    expect(lines[0]).toBe('i,t');
    expect(lines).toHaveLength(1201);
    expect(lines[1]).toBe("0,'=1+1");
    expect(lines[1200]).toBe('1199,ok');
    await page.context().close();
  });
});

describe('DuckDB’s build', () => {
  it('on the app’s own server, cross-origin isolated, the threaded build: named in the status, loading files on its threads', async () => {
    const { page, consoleErrors } = await openPage(browser(), '/data?demo=0');
    const { isolated, cores } = await page.evaluate(() => ({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency }));
    expect(isolated).toBe(true);
    const threads = threadsFor(true, cores);
    expect(threads).toBeGreaterThan(1); // the machines the app is tested on have two cores or more
    await expect.poll(() => page.locator('.db-status').textContent()).toMatch(new RegExp(`^Database ready \\(${threads} threads\\)`));
    // the file's bytes go to DuckDB's worker as they are: no request is made for them
    const requested: string[] = [];
    page.context().on('request', (r) => requested.push(r.url()));
    await chooseFiles(page, [path.resolve('tests/fixtures/police-basic.csv')]);
    await loadChosen(page, 'police-basic.csv');
    expect(await reportNumber(page, 'police-basic.csv', 'rows-loaded')).toBe('4');
    expect(requested.filter((u) => u.startsWith('blob:'))).toEqual([]);
    expect(await sqlRowsInApp(page, `SELECT current_setting('threads') AS t, count(*) AS n FROM police`)).toEqual([[String(threads), '4']]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('on a host that sends no isolation headers, the single-threaded build, which loads the same file to the same rows', async () => {
    const { page } = await openPage(browser(), '/data?demo=0', { isolated: false });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    expect(await page.locator('.db-status').textContent()).toMatch(/^Database ready \(single-threaded\)/);
    await chooseFiles(page, [path.resolve('tests/fixtures/police-basic.csv')]);
    await loadChosen(page, 'police-basic.csv');
    expect(await reportNumber(page, 'police-basic.csv', 'rows-loaded')).toBe('4');
    expect(await sqlRowsInApp(page, `SELECT current_setting('threads') AS t, count(*) AS n FROM police`)).toEqual([['1', '4']]);
    await page.context().close();
  });
});

describe('privacy', () => {
  it('a tour of every route makes no request outside the page’s origin', async () => {
    const { page, requests } = await openPage(browser(), '/');
    for (const [path] of ROUTES) {
      await page.goto(baseUrl() + path);
      await page.waitForSelector('[data-state="ready"]');
    }
    await runSqlIfConsole(page);
    const origin = new URL(baseUrl()).origin;
    const foreign = requests.map((r) => r.url()).filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(requests.length).toBeGreaterThan(5);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('the Content-Security-Policy blocks a request to another origin', async () => {
    const { page } = await openPage(browser(), '/');
    const outcome = await page.evaluate(async () => {
      try {
        await fetch('http://example.invalid/beacon');
        return 'sent';
      } catch {
        return 'blocked';
      }
    });
    expect(outcome).toBe('blocked');
    await page.context().close();
  });
});

async function runSqlIfConsole(page: import('playwright-core').Page): Promise<void> {
  if (new URL(page.url()).pathname === '/sql') await runSql(page, 'SELECT 1 AS one');
}
