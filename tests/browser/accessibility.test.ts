import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, chooseFiles, sharedBrowser, loadChosen, waitForDb } from './harness';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const browser = sharedBrowser();

interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** Serious and critical WCAG 2.1 AA violations on the page, as "rule: selector" strings. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: Violation[] }> } }).axe;
    const res = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return res.violations;
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

async function open(path: string): Promise<Page> {
  // The test injects axe itself, so only this context lifts the page's CSP.
  const context = await browser().newContext({ bypassCSP: true, viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  await page.goto(baseUrl() + path);
  await waitForDb(page);
  return page;
}

describe('accessibility (axe-core, WCAG 2.1 AA, serious and critical)', () => {
  for (const path of ['/', '/trends', '/places', '/disproportionality', '/partnership', '/evaluate', '/quality', '/data', '/sql']) {
    it(`${path} has none`, async () => {
      const page = await open(`${path}?demo=0`);
      expect(await violations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('/evaluate with the demo’s youth hub evaluated has none', async () => {
    const page = await open('/evaluate?iv=E05011385,E05011387&start=2024-04&age=10-17');
    await page.getByTestId('evaluation').waitFor({ timeout: 120000 });
    await page.waitForSelector('.db-status[data-busy="false"]');
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  it('reports a planted violation, so a clean result means something', async () => {
    const page = await open('/sql?demo=0');
    await page.evaluate(() => document.querySelector('main')?.insertAdjacentHTML('beforeend', '<input type="text" id="unlabelled">'));
    expect(await violations(page)).toContain('label: #unlabelled');
    await page.context().close();
  });

  it('the Data page with a validation report, and the SQL console with a result, have none', async () => {
    const page = await open('/data?demo=0');
    await chooseFiles(page, ['tests/fixtures/police-basic.csv', 'tests/fixtures/broken/empty.csv']);
    await loadChosen(page, 'police-basic.csv');
    expect(await violations(page)).toEqual([]);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'SQL console' }).click();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForSelector('.result-count');
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  it('the basemap settings, with a refused address and then a saved basemap, have none', async () => {
    const page = await open('/places?demo=0');
    await page.getByText('Basemap: none').click();
    await page.getByLabel('Tile address').fill('http://tiles.example.org/{z}/{x}/{y}.png');
    await page.getByLabel('Attribution').fill('Example');
    await page.getByRole('button', { name: 'Save basemap' }).click();
    await page.getByRole('alert').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByLabel('Tile address').fill('https://tiles.example.org/{z}/{x}/{y}.png');
    await page.getByRole('button', { name: 'Save basemap' }).click();
    await page.getByTestId('basemap-reload').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });
});
