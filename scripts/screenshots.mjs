#!/usr/bin/env node
// Takes a screenshot of every view of the built app (run `npm run build` first): the whole page,
// or with --viewport the first screen only (the guides' pictures: `npm run screenshots` writes
// them to docs/images/).
// Usage: node scripts/screenshots.mjs [outDir] [query] [--viewport]   e.g. node scripts/screenshots.mjs screenshots "?demo=0"
import { preview } from 'vite';
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const viewportOnly = process.argv.includes('--viewport');
const outDir = args[0] ?? 'screenshots';
const query = args[1] ?? '';
// ROUTES='/trends;/' limits the run to some views
// (a route may carry its own query: the Evaluate view is shown with the demo's youth hub)
const routes = process.env.ROUTES?.split(';') ?? ['/', '/trends', '/places', '/disproportionality', '/partnership', '/evaluate?iv=E05011385,E05011387&start=2024-04&age=10-17&name=Youth+hub', '/quality', '/data', '/sql'];
mkdirSync(outDir, { recursive: true });

const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, build: { outDir: process.env.DIST ?? 'dist' }, logLevel: 'warn' });
const base = server.resolvedUrls.local[0].replace(/\/$/, '');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
for (const route of routes) {
  const [routePath, routeQuery] = route.split('?');
  await page.goto(base + routePath + (routeQuery ? `?${routeQuery}${query.replace(/^\?/, '&')}` : query));
  await page.waitForSelector('[data-state="ready"], [data-state="failed"]', { timeout: 60000 });
  // with the demo, wait until it is in; with ?demo=0, a moment for the page to settle
  if (!query.includes('demo=0')) await page.waitForSelector('.demo-banner', { timeout: 120000 });
  await page.waitForSelector('.db-status[data-busy="false"]', { timeout: 120000 });
  // the evaluation's picture shows its result, below the definition
  if (routePath === '/evaluate' && (await page.getByTestId('evaluation').count()) > 0) await page.getByTestId('evaluation').evaluate((el) => el.scrollIntoView());
  await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 1000));
  const file = path.join(outDir, (routePath === '/' ? 'overview' : routePath.slice(1)) + '.png');
  await page.screenshot({ path: file, fullPage: !viewportOnly });
  console.log('wrote', file);
}
await browser.close();
await server.close();
