import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { sharedBrowser, openPage, resultRows, runSql, baseUrl, waitForDb, sqlRowsInApp } from './harness';

const browser = sharedBrowser();

const POLICE_FIGURE = '[data-testid="headline-police"] [data-testid="value"]';

/**
 * Holds the demo's database file back until `release` (then sends it, or `replacement`), so the
 * database cannot be ready before then: what the page shows meanwhile comes without DuckDB.
 */
async function holdDemoDatabase(page: Page, replacement?: { status: number; contentType: string; body: Buffer }) {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/demo\.duckdb-[^/]*\.gz$/, async (route) => {
    await held;
    await (replacement ? route.fulfill(replacement) : route.continue());
  });
  return { release };
}

const count = (text: string | null) => Number((text ?? '').replace(/[^0-9]/g, ''));

const VIEWS = ['/', '/trends', '/places', '/disproportionality', '/partnership', '/quality', '/data', '/sql'];

describe('synthetic demo data on first open', () => {
  it('loads through the normal path, is labelled synthetic on every view, and the SQL console counts it', async () => {
    const { page, consoleErrors } = await openPage(browser(), '/sql');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    for (const view of VIEWS) {
      await page.getByRole('navigation', { name: 'Views' }).locator(`a[href^="${view}"]`).first().click();
      await expect(page.getByRole('note', { name: 'Synthetic demo data' }).textContent()).resolves.toMatch(/^Synthetic demo data/);
    }
    // queries the tour already started still run (only queued ones are dropped); let them finish
    await page.waitForSelector('.db-status[data-busy="false"]', { timeout: 120000 });
    await runSql(page, `SELECT source, count(*) > 1000 AS many, bool_and(extract_id IN (SELECT extract_id FROM extracts WHERE is_demo)) AS all_demo
      FROM (SELECT 'police' AS source, extract_id FROM police UNION ALL SELECT 'ambulance', extract_id FROM ambulance
            UNION ALL SELECT 'ed', extract_id FROM ed UNION ALL SELECT 'yjs', extract_id FROM yjs) GROUP BY source ORDER BY source`);
    expect(await resultRows(page)).toEqual([
      ['ambulance', 'true', 'true'],
      ['ed', 'true', 'true'],
      ['police', 'true', 'true'],
      ['yjs', 'true', 'true'],
    ]);
    await runSql(page, `SELECT sum(rows_rejected) AS rejected FROM extracts`);
    expect(await resultRows(page)).toEqual([['0']]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('a demo file that cannot be read leaves the database empty and working, and the status says why', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    // the demo's database file arrives damaged, once its first-open figures are on screen
    const held = await holdDemoDatabase(page, { status: 200, contentType: 'application/gzip', body: gzipSync('not a database file') });
    await page.goto(baseUrl() + '/');
    await page.waitForSelector(POLICE_FIGURE);
    held.release();
    await waitForDb(page);
    await expect(page.locator('.db-status').textContent()).resolves.toMatch(/^Demo data failed to load: The demo data could not be read \(.+\)$/);
    expect(await page.getAttribute('.db-status', 'data-demo')).toBe('failed');
    await expect(page.locator('.empty-state').first().textContent()).resolves.toMatch(/No records are loaded/);
    expect(await page.locator('.demo-banner').count()).toBe(0);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'SQL console' }).click();
    await runSql(page, `SELECT (SELECT count(*) FROM police) + (SELECT count(*) FROM ambulance) + (SELECT count(*) FROM ed)
      + (SELECT count(*) FROM extracts) + (SELECT count(*) FROM events) AS n`);
    expect(await resultRows(page)).toEqual([['0']]);
    await context.close();
  });

  it('?demo=0 opens with nothing loaded and no label', async () => {
    const { page } = await openPage(browser(), '/sql?demo=0');
    await runSql(page, 'SELECT count(*) AS n FROM events');
    expect(await resultRows(page)).toEqual([['0']]);
    expect(await page.locator('.demo-banner').count()).toBe(0);
    await page.context().close();
  });

  it('after a real extract is loaded, the Data page offers to remove the demo, and removing it leaves only the real rows', async () => {
    const { page } = await openPage(browser(), '/data');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    await page.setInputFiles('input[type=file]', 'tests/fixtures/yjs-basic.csv');
    await page.getByRole('button', { name: 'Load yjs-basic.csv', exact: true }).click();
    await page.waitForSelector('article[aria-label="File yjs-basic.csv"] .load-report');
    await page.getByRole('button', { name: 'Remove the demo data' }).click();
    await page.waitForFunction(() => !document.querySelector('.demo-banner'));
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'SQL console' }).click();
    await runSql(page, 'SELECT source, count(*) AS n FROM events GROUP BY source');
    expect(await resultRows(page)).toEqual([['yjs', '1']]);
    await page.context().close();
  });
});

describe("the demo's first-open figures", () => {
  it('show on the overview before the database is ready, labelled synthetic; a filter change waits for DuckDB; the figures are DuckDB\'s', async () => {
    const context = await browser().newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const held = await holdDemoDatabase(page);
    await page.goto(baseUrl() + '/');
    await page.waitForSelector(POLICE_FIGURE);
    // the demo's database has not even arrived: nothing here came from DuckDB
    expect(await page.getAttribute('.db-status', 'data-state')).toBe('starting');
    await expect(page.locator('.db-status').textContent()).resolves.toBe('Starting the database; the overview shows the synthetic demo’s figures meanwhile…');
    await expect(page.getByRole('note', { name: 'Synthetic demo data' }).textContent()).resolves.toMatch(/^Synthetic demo data/);
    await expect(page.getByRole('heading', { name: 'Headline figures for Oct 2026' }).count()).resolves.toBe(1);
    const police = await page.locator(POLICE_FIGURE).textContent();
    expect(police).toMatch(/^\d[\d,]*$/);
    const all = await page.getByTestId('matching-count').textContent();
    expect(all).toMatch(/^\d[\d,]* records match$/);
    expect(await page.getByRole('button', { name: 'Export records (CSV)' }).isDisabled()).toBe(true);

    // a change of filters has no answer until DuckDB gives one: no figure of the old filters stands in
    await page.getByLabel('From').fill('2024-01');
    await page.waitForSelector('text=Computing this month\'s figures…');
    expect(await page.locator(POLICE_FIGURE).count()).toBe(0);
    await expect(page.getByTestId('matching-count').textContent()).resolves.toBe('…');

    held.release();
    await waitForDb(page);
    await page.waitForSelector(POLICE_FIGURE, { timeout: 60000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="matching-count"]')?.textContent?.endsWith('records match'));
    const from2024 = count(await page.getByTestId('matching-count').textContent());
    expect(from2024).toBeGreaterThan(0);
    expect(from2024).toBeLessThan(count(all));

    // back to no filters: the kept figures again, and they are what DuckDB counts
    await page.goBack();
    await page.waitForFunction((text) => document.querySelector('[data-testid="matching-count"]')?.textContent === text, all);
    expect(await page.locator(POLICE_FIGURE).textContent()).toBe(police);
    expect(await sqlRowsInApp(page, `SELECT count(*) AS n FROM events`)).toEqual([[String(count(all))]]);
    expect(await sqlRowsInApp(page, `SELECT count(*) AS n FROM events WHERE event_month >= DATE '2024-01-01'`)).toEqual([[String(from2024)]]);
    // the police figure is the police records of the report month, October 2026 in the demo
    expect(await sqlRowsInApp(page, `SELECT count(*) AS n FROM events WHERE source = 'police' AND event_month = DATE '2026-10-01'`)).toEqual([[String(count(police))]]);
    await context.close();
  });
});
