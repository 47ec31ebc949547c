import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { Download, Locator, Page } from 'playwright-core';
import { baseUrl, openPage, sharedBrowser, sqlRowsInApp } from './harness';

const browser = sharedBrowser();

const panel = (page: Page, title: string | RegExp): Locator => page.locator('section.chart-panel', { has: page.getByRole('heading', { name: title }) });

async function tableOf(p: Locator): Promise<string[][]> {
  return p.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));
}

async function text(download: Download): Promise<string> {
  return Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
}

const num = (s: string) => Number(s.replace(/,/g, ''));

const LATEST_COMPLETE = `(SELECT CASE WHEN max(event_date) = last_day(max(event_date)) THEN date_trunc('month', max(event_date))
  ELSE date_trunc('month', max(event_date)) - INTERVAL 1 MONTH END FROM events)`;

describe('the overview', () => {
  it("shows the same headline figures as the SQL console for the same filters", async () => {
    const { page, consoleErrors } = await openPage(browser(), '/?ethnicity=Black');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    await page.waitForSelector('[data-testid="headline-police"] [data-testid="value"]', { timeout: 60000 });
    const value = async (id: string) => num((await page.locator(`[data-testid="headline-${id}"] [data-testid="value"]`).textContent()) ?? '');
    const [[month, police, knife, children, fte]] = (await sqlRowsInApp(
      page,
      `SELECT strftime(${LATEST_COMPLETE}, '%b %Y') AS m,
        (SELECT count(*) FROM events WHERE source = 'police' AND ethnicity = 'Black' AND event_month = ${LATEST_COMPLETE}) AS police,
        (SELECT count(*) FROM events WHERE weapon = 'Knife or sharp' AND ethnicity = 'Black' AND event_month = ${LATEST_COMPLETE}) AS knife,
        (SELECT count(DISTINCT person_ref) + count(*) FILTER (WHERE person_ref IS NULL) FROM events
          WHERE age < 18 AND ethnicity = 'Black' AND source IN ('police', 'ambulance', 'ed', 'yjs') AND event_month = ${LATEST_COMPLETE}) AS children,
        (SELECT count(DISTINCT y.person_ref) FROM yjs y JOIN events e ON e.source = 'yjs' AND e.record_ref = y.record_ref
          WHERE y.first_time_entrant AND e.ethnicity = 'Black' AND e.event_month = ${LATEST_COMPLETE}) AS fte`,
    )) as [[string, string, string, string, string]];
    await page.goBack();
    const shown = async () => ({ police: await value('police'), knife: await value('knife'), children: await value('children'), fte: await value('fte') });
    await expect.poll(shown, { timeout: 30000 }).toEqual({ police: Number(police), knife: Number(knife), children: Number(children), fte: Number(fte) });
    expect(Number(police)).toBeGreaterThan(0);
    await expect(page.getByRole('heading', { name: /^Headline figures for/ }).textContent()).resolves.toBe(`Headline figures for ${month}`);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('states the knife-crime baseline as SQL counts it, and moves with the chosen baseline year', async () => {
    const { page } = await openPage(browser(), '/?kbase=2021&ktarget=2031');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    const words = page.getByTestId('knife-target-words');
    await words.waitFor({ timeout: 60000 });
    const [[n2021, n2022]] = (await sqlRowsInApp(
      page,
      `SELECT count(*) FILTER (WHERE year(event_date) = 2021), count(*) FILTER (WHERE year(event_date) = 2022) FROM events WHERE weapon = 'Knife or sharp'`,
    )) as [[string, string]];
    await page.goBack();
    await expect(words.textContent()).resolves.toContain(`Baseline 2021: ${Number(n2021).toLocaleString('en-GB')} knife-involved records`);
    await expect(words.textContent()).resolves.toContain(`by the end of 2031`);
    await page.getByLabel('Baseline year').selectOption('2022');
    await expect(words.textContent()).resolves.toContain(`Baseline 2022: ${Number(n2022).toLocaleString('en-GB')} knife-involved records`);
    expect(new URL(page.url()).searchParams.get('kbase')).toBe('2022');
    await page.context().close();
  });

  it('shows its figures on first open before it starts the knife-crime chart, in a place kept for it', async () => {
    const context = await browser().newContext({ viewport: { width: 1360, height: 900 } });
    // notes, as the page changes, what follows the knife-crime words when the first headline figure
    // appears, and where the chart is drawn when it first appears
    await context.addInitScript(() => {
      const seen: { figure?: number; chart?: number; placeholder?: string; placeTop?: number; chartTop?: number } = {};
      (window as unknown as { __seen: typeof seen }).__seen = seen;
      new MutationObserver(() => {
        const now = performance.now();
        const figure = document.querySelector('[data-testid="headline-police"] [data-testid="value"]');
        if (seen.figure === undefined && /\d/.test(figure?.textContent ?? '')) {
          seen.figure = now;
          const next = document.querySelector('[data-testid="knife-target-words"]')?.nextElementSibling;
          seen.placeholder = next ? `${next.className}|${next.getAttribute('aria-hidden')}|${next.childElementCount}` : 'none';
          seen.placeTop = next?.getBoundingClientRect().top;
        }
        const chart = document.querySelector('[data-testid="knife-target-words"] ~ * svg.recharts-surface');
        if (seen.chart === undefined && chart) {
          seen.chart = now;
          seen.chartTop = chart.getBoundingClientRect().top;
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    const page = await context.newPage();
    await page.goto(baseUrl() + '/');
    await page.waitForSelector('[data-testid="knife-target-words"] ~ * svg.recharts-surface', { timeout: 120000 });
    const seen = await page.evaluate(() => (window as unknown as { __seen: Record<string, number | string> }).__seen);
    // with the figures comes an empty placeholder, not the chart's container
    expect(seen.placeholder).toBe('|true|0');
    expect(seen.chart).toBeGreaterThan(seen.figure as number);
    // the chart takes the place kept for it: nothing below it moves
    expect(seen.chartTop).toBe(seen.placeTop);
    await context.close();
  });

  it("draws every month label of the knife-crime chart inside the chart, the last one on its right edge included", async () => {
    const { page } = await openPage(browser(), '/?kbase=2019&ktarget=2029');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    const chart = panel(page, 'Halving knife-involved violence').locator('svg.recharts-surface');
    await chart.waitFor({ timeout: 60000 });
    const { svg, ticks } = await chart.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const labels = [...el.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent ?? '', left: r.left, right: r.right };
      });
      return { svg: { left: box.left, right: box.right }, ticks: labels };
    });
    expect(ticks.length).toBeGreaterThan(3);
    expect(ticks.at(-1)?.text).toBe('Dec 2029');
    for (const t of ticks) {
      expect(t.left, t.text).toBeGreaterThanOrEqual(svg.left);
      expect(t.right, t.text).toBeLessThanOrEqual(svg.right);
    }
    await page.context().close();
  });

  it('prints the board pack in publishing mode, and says so', async () => {
    const { page } = await openPage(browser(), '/');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.getByRole('button', { name: 'Print board pack' }).click();
    await page.waitForFunction(() => (window as unknown as { printed: number }).printed === 1, undefined, { timeout: 60000 });
    expect(new URL(page.url()).searchParams.get('publish')).toBe('1');
    await expect(page.getByRole('note').filter({ hasText: 'Publishing mode was switched on for printing' }).count()).resolves.toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav[aria-label="Views"]').isVisible()).toBe(false);
    await page.context().close();
  });
});

describe('trends', () => {
  it("the monthly table alternative equals the SQL console, and its CSV equals the table", async () => {
    const { page } = await openPage(browser(), '/trends?from=2024-01&to=2024-12&source=police,ed');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    const monthly = panel(page, 'Monthly records by source');
    await monthly.getByRole('button', { name: 'Show table' }).click();
    const rows = await tableOf(monthly);
    const sql = await sqlRowsInApp(
      page,
      `SELECT strftime(event_month, '%b %Y'), count(*) FILTER (WHERE source = 'police'), count(*) FILTER (WHERE source = 'ed'), count(*)
       FROM events WHERE event_month BETWEEN DATE '2024-01-01' AND DATE '2024-12-01' AND source IN ('police', 'ed') GROUP BY event_month ORDER BY event_month`,
    );
    expect(rows.map((r) => [r[0], ...r.slice(1).map(num)])).toEqual(sql.map((r) => [r[0], ...r.slice(1).map(Number)]));
    expect(rows).toHaveLength(12);

    await page.goBack();
    await monthly.getByRole('button', { name: 'Show table' }).click();
    const [csv] = await Promise.all([page.waitForEvent('download'), monthly.getByRole('button', { name: 'CSV' }).click()]);
    const content = await text(csv);
    expect(content).toMatch(/^# Partnership Violence Dashboard: Monthly records by source\r\n# Filters: from=2024-01; to=2024-12; source=police,ed\r\n# Partnership area: Leeds; in_area and area rates follow it\r\n# Made: /);
    expect(content).toContain('# Data: includes SYNTHETIC demo data');
    const parsed = Papa.parse<string[]>(content, { comments: '#', skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(['Month', 'Police', 'Emergency department', 'All sources']);
    expect(parsed.slice(1)).toEqual(rows.map((r) => [r[0], ...r.slice(1).map((c) => String(num(c)))]));

    await monthly.getByRole('button', { name: 'Show chart' }).click();
    const [png] = await Promise.all([page.waitForEvent('download'), monthly.getByRole('button', { name: 'PNG' }).click()]);
    const bytes = Buffer.concat(await (await png.createReadStream()).toArray());
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // width and height from the IHDR chunk: the chart (about 1,000 px wide at twice the scale) plus the header
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(1200);
    expect(bytes.readUInt32BE(20)).toBeGreaterThan(600);
    await page.context().close();
  });

  it('gives the monthly rate per 1,000 residents aged 0–15 as SQL does: the records of 0–15-year-olds over the residents of those ages', async () => {
    const { page } = await openPage(browser(), '/trends?from=2024-01&to=2024-12&source=police');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    const monthly = panel(page, 'Monthly records by source');
    await monthly.getByRole('button', { name: 'Rate per 1,000' }).click();
    await panel(page, 'Monthly rate per 1,000 residents, by source').getByLabel('per 1,000 residents', { exact: true }).selectOption('0-15');
    const young = panel(page, 'Monthly rate per 1,000 residents aged 0–15, by source');
    await expect(young.textContent()).resolves.toContain('Denominator: Leeds residents, aged 0–15 (Census 2021), 153,474');
    await young.getByRole('button', { name: 'Show table' }).click();
    await expect.poll(async () => (await tableOf(young)).length, { timeout: 30000 }).toBe(12);
    // Month, Police, Police per 1,000, Police in area, All sources
    const rows = await tableOf(young);
    const sql = await sqlRowsInApp(
      page,
      `SELECT strftime(event_month, '%b %Y'), count(*), count(*) FILTER (WHERE age BETWEEN 0 AND 15 AND in_area IS DISTINCT FROM false)
       FROM events WHERE event_month BETWEEN DATE '2024-01-01' AND DATE '2024-12-01' AND source = 'police' GROUP BY event_month ORDER BY event_month`,
    );
    expect(rows.map((r) => [r[0], num(r[1]!), num(r[3]!), r[2]])).toEqual(sql.map((r) => [r[0], Number(r[1]), Number(r[2]), ((Number(r[2]) / 153474) * 1000).toFixed(1)]));
    await page.context().close();
  });

  it('counts records without a known hour as SQL does, and judges the latest month', async () => {
    const { page } = await openPage(browser(), '/trends?sex=Female');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    const heat = panel(page, 'Day of week and hour of day');
    await heat.waitFor({ timeout: 60000 });
    const [[known, unknown]] = (await sqlRowsInApp(page, `SELECT count(event_hour), count(*) - count(event_hour) FROM events WHERE sex = 'Female'`)) as [[string, string]];
    await page.goBack();
    const description = heat.locator('.chart-description');
    await expect.poll(() => description.textContent(), { timeout: 30000 }).toContain(`Records with a known hour (UK local time): ${Number(known).toLocaleString('en-GB')}.`);
    await expect(description.textContent()).resolves.toContain(`Without one, and so left out: ${Number(unknown).toLocaleString('en-GB')}`);
    await expect(page.locator('.spc-words').first().textContent()).resolves.toMatch(/^[A-Z][a-z]{2} \d{4}: (within normal variation|unusually|rising|falling|a sustained|higher|lower)/);
    await page.context().close();
  });

  it('a panel below the fold keeps its figures through a filter change until it is scrolled into view', async () => {
    const { page } = await openPage(browser(), '/trends');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    const [[all, black, firstMonth, blackFirst]] = (await sqlRowsInApp(
      page,
      `SELECT count(event_hour), count(event_hour) FILTER (WHERE ethnicity = 'Black'), strftime(min(event_month), '%b %Y'),
        count(*) FILTER (WHERE ethnicity = 'Black' AND event_month = (SELECT min(event_month) FROM events)) FROM events`,
    )) as [[string, string, string, string]];
    expect(Number(black)).toBeLessThan(Number(all));
    await page.goBack();
    const known = (n: string) => `Records with a known hour (UK local time): ${Number(n).toLocaleString('en-GB')}.`;
    const heat = panel(page, 'Day of week and hour of day');
    const description = heat.locator('.chart-description');
    await expect.poll(() => description.textContent(), { timeout: 30000 }).toContain(known(all));
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await heat.evaluate((el) => el.getBoundingClientRect().top > window.innerHeight)).toBe(true);

    // the chart on screen follows the filter; the heatmap out of view keeps its figures
    const monthly = panel(page, 'Monthly records by source');
    await monthly.getByRole('button', { name: 'Show table' }).click();
    await page.locator('summary', { hasText: 'Ethnicity' }).click();
    await page.getByRole('group', { name: 'Ethnicity' }).getByLabel('Black').check();
    await expect
      .poll(async () => {
        const first = (await tableOf(monthly))[0] ?? [];
        return [first[0], first[first.length - 1]];
      }, { timeout: 30000 })
      .toEqual([firstMonth, Number(blackFirst).toLocaleString('en-GB')]);
    await page.waitForSelector('.db-status[data-busy="false"]');
    expect(await description.textContent()).toContain(known(all));

    await heat.scrollIntoViewIfNeeded();
    await expect.poll(() => description.textContent(), { timeout: 30000 }).toContain(known(black));
    await page.context().close();
  });

  it('in publishing mode no table cell or CSV count is from 1 to 4', async () => {
    const { page } = await openPage(browser(), '/trends?area=E01011264&publish=1');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    const monthly = panel(page, 'Monthly records by source');
    await monthly.getByRole('button', { name: 'Show table' }).click();
    const cells = (await tableOf(monthly)).flatMap((r) => r.slice(1));
    expect(cells).toContain('<5');
    expect(cells.filter((c) => /^[1-4]$/.test(c))).toEqual([]);
    const [csv] = await Promise.all([page.waitForEvent('download'), monthly.getByRole('button', { name: 'CSV' }).click()]);
    const parsed = Papa.parse<string[]>(await text(csv), { comments: '#', skipEmptyLines: true }).data;
    expect(parsed.slice(1).flatMap((r) => r.slice(1)).filter((c) => /^[1-4]$/.test(c))).toEqual([]);
    await page.context().close();
  });
});
