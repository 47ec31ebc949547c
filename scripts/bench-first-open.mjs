#!/usr/bin/env node
// Time from navigation until the database is ready, the synthetic demo data is loaded, and the
// overview's headline figures are shown, in headless Chromium.
// Not a test: run by hand after `npm run build`. Usage: node scripts/bench-first-open.mjs [runs=3]
import { preview } from 'vite';
import { chromium } from 'playwright-core';

const runs = Number(process.argv[2] ?? 3);
const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, build: { outDir: process.env.DIST ?? 'dist' }, logLevel: 'warn' });
const base = server.resolvedUrls.local[0].replace(/\/$/, '');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const results = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(base + '/');
  await page.waitForSelector('[data-state="ready"]', { timeout: 60000 });
  const ready = Date.now() - t0;
  await page.waitForSelector('.demo-banner', { timeout: 120000 });
  const demo = Date.now() - t0;
  // the police figure is drawn only once the month's counts over the loaded demo are in
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="headline-police"] [data-testid="value"]')?.textContent ?? ''), undefined, { timeout: 120000 });
  await page.waitForSelector('.db-status[data-busy="false"]', { timeout: 120000 });
  results.push({ databaseReadyMs: ready, demoLoadedMs: demo, overviewShownMs: Date.now() - t0 });
  await context.close();
}
console.log(JSON.stringify(results));
await browser.close();
await server.close();
