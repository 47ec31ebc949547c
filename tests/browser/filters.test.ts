import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, chooseFiles, sharedBrowser, loadChosen, openPage, resultRows, sqlRowsInApp, runSql } from './harness';

const browser = sharedBrowser();

const matching = (page: Page) => page.locator('[data-testid="matching-count"]').textContent();

async function waitForCount(page: Page, previous: string | null): Promise<string> {
  await page.waitForFunction(
    (prev) => {
      const t = document.querySelector('[data-testid="matching-count"]')?.textContent ?? '…';
      return !t.startsWith('…') && t !== prev;
    },
    previous,
  );
  return (await matching(page)) ?? '';
}

describe('filters shared by every view', () => {
  it('set in the UI, kept in the URL, equal to the SQL console, reproduced by a reload, undone by Back', async () => {
    const { page } = await openPage(browser(), '/trends');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    const all = await waitForCount(page, null);
    await page.getByLabel('From').fill('2024-01');
    const afterFrom = await waitForCount(page, all);
    await page.locator('summary', { hasText: 'Ethnicity' }).click();
    await page.getByRole('group', { name: 'Ethnicity' }).getByLabel('Black').check();
    const filtered = await waitForCount(page, afterFrom);
    expect(new URL(page.url()).search).toBe('?from=2024-01&ethnicity=Black');
    const n = Number(filtered.replace(/[^0-9]/g, ''));
    expect(n).toBeGreaterThan(100);

    const sql = await sqlRowsInApp(page, `SELECT count(*) AS n FROM events WHERE event_month >= DATE '2024-01-01' AND ethnicity = 'Black'`);
    expect(sql).toEqual([[String(n)]]);

    await page.goto(baseUrl() + '/trends?from=2024-01&ethnicity=Black');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    await page.waitForFunction((want) => document.querySelector('[data-testid="matching-count"]')?.textContent === want, filtered);
    await page.getByRole('button', { name: 'Remove filter Ethnicity: Black' }).click();
    expect(await waitForCount(page, filtered)).toBe(afterFrom);
    await page.goBack();
    await page.waitForFunction((want) => document.querySelector('[data-testid="matching-count"]')?.textContent === want, filtered);
    expect(new URL(page.url()).search).toBe('?from=2024-01&ethnicity=Black');
    await page.context().close();
  });

  it('the CSV export holds exactly the filtered records, neutralised, with the filters written above', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    const formula = 'crime_ref,role,occurred_date,offence_group,sex\n=1+1,Victim,2024-05-01,Robbery,F\n';
    await chooseFiles(page, ['tests/fixtures/police-basic.csv', { name: 'formula.csv', mimeType: 'text/csv', buffer: Buffer.from(formula) }]);
    await loadChosen(page, 'police-basic.csv');
    await loadChosen(page, 'formula.csv');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Overview' }).click();
    await page.locator('summary', { hasText: 'Sex' }).click();
    await page.getByRole('group', { name: 'Sex' }).getByLabel('Female').check();
    await page.keyboard.press('Escape');
    expect(await page.locator('details.multi-select[open]').count()).toBe(0);
    await page.waitForFunction(() => document.querySelector('[data-testid="matching-count"]')?.textContent === '2 records match');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export records (CSV)' }).click()]);
    const text = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines[1]).toBe('# Filters: sex=Female');
    const records = lines.filter((l) => !l.startsWith('#')).slice(1);
    expect(records.map((l) => l.split(',')[1])).toEqual(["'=1+1|Victim|", 'C2|Victim|']);
    await runSqlCheck(page);
    await page.context().close();
  });

  it('an area picked by name filters by its code; an unknown one is said plainly', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    await chooseFiles(page, ['tests/fixtures/police-basic.csv']);
    await loadChosen(page, 'police-basic.csv');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Partnership' }).click();
    await page.getByLabel('Area', { exact: true }).fill('Atlantis');
    expect(await page.getByText('No Leeds ward, MSOA or LSOA matches “Atlantis”').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('area')).toBeNull();
    // two of the four police records are in LSOA E01011264, in the ward Otley & Yeadon (E05011549)
    await page.getByLabel('Area', { exact: true }).fill('Otley & Yeadon — E05011549');
    await page.waitForFunction(() => document.querySelector('[data-testid="matching-count"]')?.textContent === '2 records match');
    expect(new URL(page.url()).searchParams.get('area')).toBe('E05011549');
    expect(await page.getByRole('list', { name: 'Active filters' }).textContent()).toContain('Area: Otley & Yeadon');
    await page.context().close();
  });

  it('publishing mode shows counts of 1–4 as <5, says so, and turns off record exports', async () => {
    const { page } = await openPage(browser(), '/data?demo=0');
    await chooseFiles(page, ['tests/fixtures/police-basic.csv']);
    await loadChosen(page, 'police-basic.csv');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Places' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="matching-count"]')?.textContent === '4 records match');
    await page.getByLabel('Publishing mode').check();
    await page.waitForFunction(() => document.querySelector('[data-testid="matching-count"]')?.textContent === '<5 records match');
    expect(await page.getByRole('note', { name: 'Publishing mode' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Export records (CSV)' }).isDisabled()).toBe(true);
    expect(new URL(page.url()).searchParams.get('publish')).toBe('1');
    await page.context().close();
  });
});

async function runSqlCheck(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'SQL console' }).click();
  await runSql(page, `SELECT count(*) AS n FROM events WHERE sex = 'Female'`);
  expect(await resultRows(page)).toEqual([['2']]);
}
