import { describe, expect, it } from 'vitest';
import { openPage, sharedBrowser, sqlRowsInApp } from './harness';

const browser = sharedBrowser();
const fmt = (s: string) => Number(s).toLocaleString('en-GB');

describe('partnership and data quality', () => {
  it('overlap and health-only figures equal the SQL console; the list of children is withheld in publishing mode', async () => {
    const { page } = await openPage(browser(), '/partnership?from=2025-01&to=2025-06');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    const [[children, multi, linkable, only]] = (await sqlRowsInApp(
      page,
      `WITH f AS (SELECT * FROM events WHERE event_month BETWEEN DATE '2025-01-01' AND DATE '2025-06-01'),
        p AS (SELECT person_ref, count(DISTINCT source) AS k FROM f WHERE person_ref IS NOT NULL AND source IN ('police', 'ambulance', 'ed', 'yjs') GROUP BY 1),
        h AS (SELECT * FROM f WHERE source IN ('ed', 'ambulance') AND person_ref IS NOT NULL)
      SELECT (SELECT count(*) FROM p), (SELECT count(*) FROM p WHERE k > 1), (SELECT count(*) FROM h),
        (SELECT count(*) FROM h WHERE NOT EXISTS (SELECT 1 FROM events x WHERE x.source = 'police' AND x.person_ref = h.person_ref AND abs(x.event_date - h.event_date) <= 30))`,
    )) as [[string, string, string, string]];
    await page.goBack();
    await expect.poll(() => page.getByTestId('overlap-summary').textContent(), { timeout: 60000 }).toBe(`${fmt(children)} children with a person reference; ${fmt(multi)} known to more than one agency.`);
    await expect.poll(() => page.getByTestId('health-only-summary').textContent(), { timeout: 60000 }).toContain(`Of ${fmt(linkable)} ED and ambulance events with a person reference, ${fmt(only)}`);
    // the analysts' list is fetched only when asked for
    expect(await page.getByTestId('children-list').count()).toBe(0);
    await page.getByRole('button', { name: 'Show the children' }).click();
    await expect(page.getByTestId('children-list').locator('li').first().textContent({ timeout: 60000 })).resolves.toMatch(/incidents within 12 months/);
    await page.getByLabel('Publishing mode').check();
    await expect(page.getByTestId('children-hidden').textContent()).resolves.toContain('Not shown in publishing mode');
    expect(await page.getByTestId('children-list').count()).toBe(0);
    await page.context().close();
  });

  it('data quality names the worst gaps as SQL counts them', async () => {
    const { page } = await openPage(browser(), '/quality?source=ambulance');
    await page.waitForSelector('.demo-banner', { timeout: 120000 });
    const [[withRef, total]] = (await sqlRowsInApp(page, `SELECT count(person_ref), count(*) FROM events WHERE source = 'ambulance'`)) as [[string, string]];
    await page.goBack();
    const share = `${((Number(withRef) / Number(total)) * 100).toFixed(1)}%`;
    await expect.poll(() => page.getByTestId('worst-gaps').textContent(), { timeout: 60000 }).toContain(`Ambulance: person_ref present in ${share} of ${fmt(total)} records`);
    await page.context().close();
  });
});
