import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mapPixels, openPage, sharedBrowser, sqlRowsInApp } from './harness';

const browser = sharedBrowser();

// the darkest class, #b30000, and the next, #e34a33
const colouredPixels = (page: Page) => mapPixels(page, { r: [151, 255], g: [0, 109], b: [0, 79] });

describe('places', () => {
  it('draws the choropleth, ranks wards as SQL counts them, and a click on the map selects an area for every view', async () => {
    const { page, consoleErrors } = await openPage(browser(), '/places');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    await page.waitForSelector('.map[data-ready="true"]', { timeout: 60000 });
    await page.waitForSelector('.db-status[data-busy="false"]', { timeout: 120000 });
    await expect.poll(() => colouredPixels(page), { timeout: 30000 }).toBeGreaterThan(2000);

    const top = await page.locator('section.chart-panel', { hasText: 'Ranking of wards' }).locator('tbody tr').first().locator('th, td').allTextContents();
    const [[code, n, rate]] = (await sqlRowsInApp(
      page,
      `WITH r AS (SELECT ward_code, sum(population) AS pop FROM ref_lsoa WHERE lad24cd = 'E08000035' GROUP BY 1)
       SELECT r.ward_code, count(e.record_ref), round(count(e.record_ref) * 1000.0 / any_value(r.pop), 1)
       FROM r LEFT JOIN events e ON e.ward_code = r.ward_code AND e.in_area GROUP BY r.ward_code ORDER BY 3 DESC LIMIT 1`,
    )) as [[string, string, string]];
    expect([top[1], top[2], top[4]]).toEqual([code, Number(n).toLocaleString('en-GB'), Number(rate).toFixed(1)]);
    await page.goBack();
    await page.waitForSelector('.map[data-ready="true"]', { timeout: 60000 });

    // the middle of the map is in the city centre: hover shows the ward's numbers, a click selects it
    // (the areas are drawn a moment after the map is ready, so wait for them as at first)
    await expect.poll(() => colouredPixels(page), { timeout: 30000 }).toBeGreaterThan(2000);
    const box = (await page.locator('.map canvas').boundingBox())!;
    await expect
      .poll(
        async () => {
          await page.mouse.move(box.x + box.width / 2 + 1, box.y + box.height / 2);
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
          return page.locator('.map-tooltip').count();
        },
        { timeout: 20000 },
      )
      .toBe(1);
    const tip = (await page.locator('.map-tooltip').textContent()) ?? '';
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('area') !== null);
    const area = new URL(page.url()).searchParams.get('area')!;
    expect(area).toMatch(/^E05\d{6}$/);
    const [[name, count, perThousand]] = (await sqlRowsInApp(
      page,
      `WITH r AS (SELECT ward_code, any_value(ward_name) AS name, sum(population) AS pop FROM ref_lsoa WHERE lad24cd = 'E08000035' GROUP BY 1)
       SELECT any_value(r.name), count(e.record_ref), round(count(e.record_ref) * 1000.0 / any_value(r.pop), 1)
       FROM r LEFT JOIN events e ON e.ward_code = r.ward_code AND e.in_area WHERE r.ward_code = '${area}' GROUP BY r.ward_code`,
    )) as [[string, string, string]];
    expect(tip).toBe(`${name} (${area}): ${Number(count).toLocaleString('en-GB')} records, ${Number(perThousand).toFixed(1)} per 1,000 residents`);
    await page.goBack();
    await expect(page.getByTestId('area-profile').textContent()).resolves.toMatch(/Ward profile: /);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Trends' }).click();
    expect(new URL(page.url()).searchParams.get('area')).toBe(area);
    await expect(page.getByRole('list', { name: 'Active filters' }).textContent()).resolves.toContain('Area: ');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('marks hot spots and hides points and small counts in publishing mode', async () => {
    const { page } = await openPage(browser(), '/places?publish=1');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    await page.waitForSelector('.map[data-ready="true"]', { timeout: 60000 });
    await page.getByRole('button', { name: 'Hot spots (Gi*)' }).click();
    await expect(page.getByTestId('map-note').textContent()).resolves.toContain('Getis–Ord Gi*');
    // the legend fills once the areas' figures are in, which on a slow start is after the map shows
    await expect.poll(() => page.getByRole('list', { name: 'Map legend' }).textContent(), { timeout: 30000 }).toContain('Hot spot, 99% confidence');
    expect(await page.getByLabel(/Records as points/).isDisabled()).toBe(true);
    await page.getByLabel('Areas', { exact: true }).selectOption('lsoa');
    const ranking = page.locator('section.chart-panel', { hasText: 'Ranking of LSOAs' });
    await ranking.waitFor({ timeout: 60000 });
    const cells = await ranking.locator('tbody td:nth-child(3)').allTextContents();
    expect(cells.length).toBe(488);
    expect(cells.filter((c) => /^[1-4]$/.test(c))).toEqual([]);
    await page.context().close();
  });

  it('the funnel plot sets each ward against the Leeds rate with the counts SQL gives', async () => {
    const { page } = await openPage(browser(), '/places?age=10-17&from=2025-01&to=2025-12');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    await page.waitForSelector('.db-status[data-busy="false"]', { timeout: 120000 });
    const panel = page.locator('section.chart-panel', { has: page.getByRole('heading', { name: 'Comparing wards fairly: rate against residents (funnel plot)' }) });
    await panel.scrollIntoViewIfNeeded();
    await panel.locator('.recharts-scatter-symbol').first().waitFor({ timeout: 30000 });
    const [[total, pop, code, n, wardPop]] = (await sqlRowsInApp(
      page,
      `WITH r AS (SELECT ward_code, sum(population) AS pop FROM ref_lsoa WHERE lad24cd = 'E08000035' GROUP BY 1),
         c AS (SELECT r.ward_code, any_value(r.pop) AS pop, count(e.record_ref) AS n FROM r LEFT JOIN events e ON e.ward_code = r.ward_code AND e.in_area
           AND e.age_band = '10-17' AND e.event_month BETWEEN DATE '2025-01-01' AND DATE '2025-12-01' GROUP BY 1)
       SELECT (SELECT sum(n) FROM c), (SELECT sum(pop) FROM c), ward_code, n, pop FROM c ORDER BY n * 1.0 / pop DESC LIMIT 1`,
    )) as [[string, string, string, string, string]];
    await page.goBack();
    await panel.scrollIntoViewIfNeeded();
    const leeds = (Number(total) / Number(pop)) * 1000;
    await expect.poll(() => panel.locator('.legend').textContent(), { timeout: 30000 }).toContain(`Leeds rate (${leeds.toFixed(1)} per 1,000)`);
    await panel.getByRole('button', { name: 'Show table' }).click();
    const row = await panel.locator('tr', { has: page.locator('td', { hasText: code }) }).locator('th, td').allTextContents();
    // area, code, residents, records, per 1,000, expected at the Leeds rate, against the limits
    expect(row.slice(1, 6)).toEqual([code, Number(wardPop).toLocaleString('en-GB'), Number(n).toLocaleString('en-GB'), ((Number(n) / Number(wardPop)) * 1000).toFixed(1), ((leeds * Number(wardPop)) / 1000).toFixed(1)]);
    expect(row[6]).toMatch(/^(Higher than Leeds, beyond the (95|99\.8)% limit|Within the limits: no different from Leeds beyond chance)$/);
    await page.context().close();
  });

  it('across West Yorkshire: the top bar switches the area keeping the filters, and each district’s figures are what SQL gives', async () => {
    const { page } = await openPage(browser(), '/places?age=10-17&level=district');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    await page.waitForSelector('.db-status[data-busy="false"]', { timeout: 120000 });
    await page.getByLabel('Partnership area').selectOption('wy');
    await expect.poll(() => new URL(page.url()).searchParams.get('region')).toBe('wy');
    const url = new URL(page.url());
    expect([url.searchParams.get('age'), url.searchParams.get('level')]).toEqual(['10-17', 'district']);
    const ranking = page.locator('section.chart-panel', { hasText: 'Ranking of districts' });
    await ranking.scrollIntoViewIfNeeded();
    await expect.poll(() => ranking.locator('tbody tr').count(), { timeout: 60000 }).toBe(5);
    const shown = new Map<string, string>();
    for (const tr of await ranking.locator('tbody tr').all()) {
      const cells = await tr.locator('th, td').allTextContents();
      shown.set(cells[1]!, cells[2]!);
    }
    // the console's events follow the region: in_area is every record placed in one of the five districts
    const rows = await sqlRowsInApp(
      page,
      `SELECT lad24cd, count(*), count(*) FILTER (WHERE in_area) FROM events WHERE lad24cd IS NOT NULL AND age_band = '10-17' GROUP BY 1 ORDER BY 1`,
    );
    expect(rows.map((r) => r[0])).toEqual(['E08000032', 'E08000033', 'E08000034', 'E08000035', 'E08000036']);
    for (const [code, n, inArea] of rows) {
      expect(inArea).toBe(n);
      expect(shown.get(code!)).toBe(Number(n).toLocaleString('en-GB'));
    }
    await page.context().close();
  });

  it('keeps the level of areas in the link, and says so when a link’s level makes no sense', async () => {
    const { page } = await openPage(browser(), '/places?level=msoa');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    await page.getByRole('heading', { name: 'Comparing MSOAs fairly: rate against residents (funnel plot)' }).waitFor({ timeout: 60000 });
    await page.getByLabel('Areas', { exact: true }).selectOption('lsoa');
    await expect.poll(() => new URL(page.url()).searchParams.get('level')).toBe('lsoa');
    await page.getByRole('heading', { name: 'Comparing LSOAs fairly: rate against residents (funnel plot)' }).waitFor({ timeout: 60000 });
    await page.goBack();
    await page.getByRole('heading', { name: 'Comparing MSOAs fairly: rate against residents (funnel plot)' }).waitFor({ timeout: 60000 });
    await page.goto(new URL(page.url()).origin + '/places?level=street');
    await page.getByText('Ignored level=street: not one of district, ward, msoa, lsoa; showing wards.').waitFor({ timeout: 60000 });
    await page.getByRole('heading', { name: 'Comparing wards fairly: rate against residents (funnel plot)' }).waitFor({ timeout: 60000 });
    await page.context().close();
  });
});
