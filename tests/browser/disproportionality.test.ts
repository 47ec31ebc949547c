import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, sharedBrowser, sqlRowsInApp } from './harness';

const browser = sharedBrowser();

const summaryLine = async (page: Page, group: string) =>
  (await page.getByTestId('rri-summary').locator('li', { hasText: `${group}:` }).textContent()) ?? '';

describe('disproportionality', () => {
  it('shows the rates, RRI and not-recorded share that SQL gives, and switches denominators by an uploaded table', async () => {
    const { page } = await openPage(browser(), '/disproportionality?from=2025-01&to=2025-12');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    await page.getByTestId('rri-summary').waitFor({ timeout: 60000 });
    const [[black, white, notRecorded, total]] = (await sqlRowsInApp(
      page,
      `SELECT count(*) FILTER (WHERE ethnicity = 'Black' AND in_area IS DISTINCT FROM false), count(*) FILTER (WHERE ethnicity = 'White' AND in_area IS DISTINCT FROM false),
        count(*) FILTER (WHERE ethnicity = 'Not recorded'), count(*)
       FROM events WHERE source = 'police' AND event_month BETWEEN DATE '2025-01-01' AND DATE '2025-12-01'`,
    )) as [[string, string, string, string]];
    await page.goBack();
    const rate = (n: string, pop: number) => ((Number(n) / pop) * 1000).toFixed(1);
    // Leeds's residents by ethnic group (Census 2021 TS021, the sums of data/reference/lsoa-ethnicity.csv over Leeds's LSOAs)
    const rri = ((Number(black) / 45386) / (Number(white) / 641798)).toFixed(2);
    await expect.poll(() => summaryLine(page, 'Black'), { timeout: 30000 }).toContain(`Black: ${rate(black, 45386)} per 1,000 (White ${rate(white, 641798)}); RRI ${rri}`);
    const share = ((Number(notRecorded) / Number(total)) * 100).toFixed(1);
    await expect(page.getByTestId('not-recorded').textContent()).resolves.toContain(`Ethnicity not recorded: ${share}% of Police records (${Number(notRecorded).toLocaleString('en-GB')} of ${Number(total).toLocaleString('en-GB')})`);

    // a broken table is refused with its line and column, and changes nothing
    await page.getByLabel('Load a denominator table').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('group,population\nWhite,lots\n') });
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Line 2, column population: “lots” is not a population');
    await expect(page.getByTestId('denominator-in-use').textContent()).resolves.toContain('Census 2021, residents of Leeds of all ages');

    await page.getByLabel('Load a denominator table').setInputFiles({ name: 'young.csv', mimeType: 'text/csv', buffer: Buffer.from('group,population\nWhite,100000\nBlack,10000\nAsian,20000\nMixed,8000\nOther,3000\n') });
    await expect.poll(() => page.getByTestId('denominator-in-use').textContent()).toContain('your denominator table (young.csv)');
    const rri2 = ((Number(black) / 10000) / (Number(white) / 100000)).toFixed(2);
    await expect.poll(() => summaryLine(page, 'Black')).toContain(`RRI ${rri2}`);
    await page.context().close();
  });

  it('a district’s rates and RRI divide by that district’s own residents, across West Yorkshire', async () => {
    const { page } = await openPage(browser(), '/disproportionality?region=wy&area=E08000032&from=2025-01&to=2025-12');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    await page.getByTestId('rri-summary').waitFor({ timeout: 60000 });
    // Bradford's residents (sums of data/reference/lsoa-ethnicity.csv over its LSOAs): Black 11,006, White 334,007
    await expect(page.getByTestId('denominator-in-use').textContent()).resolves.toContain('Census 2021, residents of Bradford of all ages — Asian 175,659, Black 11,006');
    const [[black, white]] = (await sqlRowsInApp(
      page,
      `SELECT count(*) FILTER (WHERE ethnicity = 'Black' AND in_area IS DISTINCT FROM false), count(*) FILTER (WHERE ethnicity = 'White' AND in_area IS DISTINCT FROM false)
       FROM events WHERE source = 'police' AND lad24cd = 'E08000032' AND event_month BETWEEN DATE '2025-01-01' AND DATE '2025-12-01'`,
    )) as [[string, string]];
    await page.goBack();
    const rri = ((Number(black) / 11006) / (Number(white) / 334007)).toFixed(2);
    await expect.poll(() => summaryLine(page, 'Black'), { timeout: 30000 }).toContain(`RRI ${rri}`);
    await page.context().close();
  });

  it('the rolling RRI panel keeps the old source name with the old figures until the new figures arrive', async () => {
    const { page } = await openPage(browser(), '/disproportionality');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    const heading = page.getByRole('heading', { name: /^Is the gap closing\?/ });
    await heading.scrollIntoViewIfNeeded();
    await expect.poll(() => heading.textContent(), { timeout: 30000 }).toMatch(/: Police$/);
    await page.waitForSelector('.db-status[data-busy="false"]');
    // every state the panel shows on the way: its title and its first line's shape
    await page.evaluate(() => {
      const panel = [...document.querySelectorAll('section')].find((s) => s.querySelector('h2')?.textContent?.startsWith('Is the gap closing?'))!;
      const seen: [string, string][] = [];
      const note = () => seen.push([panel.querySelector('h2')?.textContent ?? '', panel.querySelector('.recharts-line path')?.getAttribute('d') ?? '']);
      note();
      new MutationObserver(note).observe(panel, { subtree: true, childList: true, characterData: true, attributes: true });
      (window as unknown as { seen: [string, string][] }).seen = seen;
    });
    await page.getByLabel('Records from').selectOption('ed');
    await expect.poll(() => heading.textContent(), { timeout: 30000 }).toMatch(/: Emergency department$/);
    await page.waitForSelector('.db-status[data-busy="false"]');
    const seen = await page.evaluate(() => (window as unknown as { seen: [string, string][] }).seen);
    const [oldTitle, oldLine] = seen[0]!;
    const [newTitle, newLine] = seen.at(-1)!;
    expect(oldTitle).not.toBe(newTitle);
    expect(oldLine).not.toBe(newLine);
    // never the new name over the old line
    expect(seen.filter(([t, d]) => t === newTitle && d === oldLine)).toEqual([]);
    await page.context().close();
  });
});
