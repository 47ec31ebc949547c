import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, sharedBrowser, sqlRowsInApp } from './harness';

const browser = sharedBrowser();

const HUB = "('E05011385', 'E05011387')";

async function waitForResult(page: Page) {
  await page.getByTestId('evaluation').waitFor({ timeout: 60000 });
  await page.waitForSelector('.db-status[data-busy="false"]');
}

describe('evaluate', () => {
  it('finds the youth hub planted in the demo, from the empty view’s link, with the counts SQL gives', async () => {
    const { page, consoleErrors } = await openPage(browser(), '/evaluate');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    await page.getByText('Choose the areas the intervention covered').waitFor({ timeout: 30000 });
    await page.getByRole('link', { name: 'Try the demo’s youth hub' }).click();
    await waitForResult(page);
    const url = new URL(page.url());
    expect(url.searchParams.get('iv')).toBe('E05011385,E05011387');
    expect(url.searchParams.get('start')).toBe('2024-04');
    expect(url.searchParams.get('age')).toBe('10-17');
    const verdict = (await page.getByTestId('verdict').textContent()) ?? '';
    expect(verdict).toMatch(/^Youth hub \(synthetic demo\): a fall of \d+% beyond the comparison areas' change \(95% CI \d+% to \d+%\): a difference beyond chance\.$/);
    // the matched comparison areas are listed, and none touches the hub
    const listed = await page.getByRole('region', { name: 'Comparison areas' }).locator('tbody th').allTextContents();
    expect(listed).toHaveLength(6);
    for (const ring of ['Pudsey', 'Kirkstall', 'Farnley & Wortley', 'Armley', 'Bramley & Stanningley']) expect(listed).not.toContain(ring);

    // against the rest of Leeds, the four counts and the ratio are what SQL gives
    await page.getByLabel('the rest of Leeds').check();
    await waitForResult(page);
    expect(new URL(page.url()).searchParams.get('compare')).toBe('rest');
    const shown = (await page.getByTestId('rrr').textContent()) ?? '';
    const [[a, b, c, d]] = (await sqlRowsInApp(
      page,
      `SELECT count(*) FILTER (WHERE ward_code IN ${HUB} AND event_month < DATE '2024-04-01'), count(*) FILTER (WHERE ward_code IN ${HUB} AND event_month >= DATE '2024-04-01'),
         count(*) FILTER (WHERE ward_code NOT IN ${HUB} AND event_month < DATE '2024-04-01'), count(*) FILTER (WHERE ward_code NOT IN ${HUB} AND event_month >= DATE '2024-04-01')
       FROM events WHERE age_band = '10-17' AND in_area AND ward_code IS NOT NULL AND event_month BETWEEN DATE '2023-04-01' AND DATE '2025-03-01'`,
    )) as [[string, string, string, string]];
    await page.goBack();
    await waitForResult(page);
    const rrr = Number(b) / Number(a) / (Number(d) / Number(c));
    expect(await page.getByTestId('rrr').textContent()).toBe(shown);
    expect(shown).toBe(rrr.toFixed(2));
    const counts = page.getByRole('region', { name: 'The counts behind the result: table' });
    const row = async (name: string) => (await counts.locator('tr', { has: page.locator('th', { hasText: name }) }).locator('td').allTextContents()).slice(2, 4);
    const fmt = (n: string) => Number(n).toLocaleString('en-GB');
    expect(await row('Intervention areas')).toEqual([fmt(a), fmt(b)]);
    expect(await row('Comparison areas')).toEqual([fmt(c), fmt(d)]);
    expect(await page.locator('main').textContent()).not.toMatch(/NaN|Infinity/);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('defines an intervention by keyboard and by clicking the map, and a link reproduces it', async () => {
    const { page } = await openPage(browser(), '/evaluate?age=10-17');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    await page.getByLabel('Add an intervention area').fill('Armley — E05011385');
    await expect.poll(() => new URL(page.url()).searchParams.get('iv')).toBe('E05011385');
    await page.getByLabel('Started in').fill('2024-04');
    await page.getByLabel('Name (optional)').fill('Hub');
    await page.getByLabel('Name (optional)').press('Enter');
    await waitForResult(page);
    // clicking the middle of the map adds the ward there (the city centre), and clicking again takes it out
    await page.waitForSelector('.pick-map[data-ready="true"]');
    const box = (await page.locator('.pick-map canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => new URL(page.url()).searchParams.get('iv')?.split(',').length).toBe(2);
    const added = new URL(page.url()).searchParams.get('iv')!.split(',')[1]!;
    expect(added).toMatch(/^E05\d{6}$/);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => new URL(page.url()).searchParams.get('iv')).toBe('E05011385');
    await waitForResult(page);
    // removing a matched area turns the comparison into a list in the link
    // one ward: five matched areas (three for each intervention area, at least five)
    const matched = await page.getByRole('region', { name: 'Comparison areas' }).locator('tbody th').allTextContents();
    expect(matched).toHaveLength(5);
    const first = matched[0]!;
    await page.getByRole('button', { name: `Remove ${first} from the comparison` }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('compare')?.split(',').length).toBe(4);
    await waitForResult(page);
    const link = page.url();
    const verdict = await page.getByTestId('verdict').textContent();
    await page.context().close();

    const again = await openPage(browser(), new URL(link).pathname + new URL(link).search);
    await waitForResult(again.page);
    expect(await again.page.getByTestId('verdict').textContent()).toBe(verdict);
    expect(await again.page.getByRole('region', { name: 'Comparison areas' }).locator('tbody th').allTextContents()).not.toContain(first);
    await again.page.context().close();
  });

  it('says what is wrong with a start outside the data or a mixed link, and shows no NaN', async () => {
    const { page } = await openPage(browser(), '/evaluate?iv=E05011385,E02002330&start=2035-01&compare=E05011385');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    const problems = page.getByRole('list', { name: 'Parts of the link that were ignored' });
    await expect.poll(() => problems.textContent(), { timeout: 30000 }).toContain("Ignored iv=E02002330: an MSOA, and the intervention's first area is a ward");
    expect(await problems.textContent()).toContain('Left E05011385 out of the comparison: it is one of the intervention\'s areas');
    await page.getByText(/^The start month Jan 2035 is outside the data/).waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/NaN|Infinity/);
    await page.context().close();
  });

  it('in publishing mode shows a count under 5 as <5 and no ratio built on it; Print summary turns it on', async () => {
    const { page } = await openPage(browser(), '/evaluate');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    // a Leeds LSOA with 1 to 4 records of 10–17-year-olds in the year before April 2024
    const [[lsoa, before]] = (await sqlRowsInApp(
      page,
      `SELECT lsoa21cd, count(*) FILTER (WHERE event_month BETWEEN DATE '2023-04-01' AND DATE '2024-03-01') AS b FROM events
       WHERE age_band = '10-17' AND in_area AND lsoa21cd IS NOT NULL GROUP BY 1 HAVING b BETWEEN 1 AND 4 ORDER BY 1 LIMIT 1`,
    )) as [[string, string]];
    const { page: p } = await openPage(browser(), `/evaluate?iv=${lsoa}&start=2024-04&age=10-17`);
    await waitForResult(p);
    await p.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await p.getByRole('button', { name: 'Print summary' }).click();
    await p.waitForSelector('body[data-printed="yes"]', { timeout: 30000 });
    expect(new URL(p.url()).searchParams.get('publish')).toBe('1');
    const counts = p.getByRole('region', { name: 'The counts behind the result: table' });
    const cells = await counts.locator('tr', { has: p.locator('th', { hasText: 'Intervention areas' }) }).locator('td').allTextContents();
    expect(cells[2]).toBe('<5');
    expect(cells[4]).toBe('suppressed');
    expect(await p.getByTestId('verdict').textContent()).toBe('Not shown in publishing mode: a count it rests on is under 5.');
    expect(Number(before)).toBeLessThan(5);
    expect(await p.locator('main').textContent()).toContain('In the intervention areas, from <5 to ');
    // nor the detectable change built on it
    expect(await p.getByTestId('detectable').count()).toBe(0);
    await p.context().close();
    await page.context().close();
  });
});
