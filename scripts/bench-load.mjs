#!/usr/bin/env node
// Speed of loading a large police extract through the real Data page in headless Chromium.
// Not a test: run by hand after `npm run build`. Usage: node scripts/bench-load.mjs [rows=1000000]
// Prints rows per second, the time until the rows are queryable, and the tab's peak memory.
import { preview } from 'vite';
import { chromium } from 'playwright-core';
import { createWriteStream, mkdtempSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRandom } from './demo/random.mjs';

const rows = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(path.join(tmpdir(), 'vrp-bench-'));
const file = path.join(dir, `police-${rows}.csv`);

async function writeExtract() {
  const rnd = createRandom(42);
  const out = createWriteStream(file);
  const lsoas = ['E01011264', 'E01011312', 'E01011373', 'E01033013', 'E01011677', 'E01035048', 'E01011409', 'E01011316'];
  const groups = ['Violence with injury', 'Violence without injury', 'Robbery', 'Possession of weapons'];
  const eth = ['White - English/Welsh/Scottish/Northern Irish/British', 'Asian/Asian British - Pakistani', 'Black/African/Caribbean/Black British - African', '', 'IC1'];
  out.write('crime_ref,role,person_ref,occurred_date,occurred_time,offence_group,weapon,lsoa21cd,age,sex,self_defined_ethnicity,ppn_submitted\n');
  for (let i = 0; i < rows; i++) {
    const line = `CR${i},${i % 3 === 0 ? 'Suspect' : 'Victim'},P${rnd.int(1, 200000)},${String(rnd.int(1, 28)).padStart(2, '0')}/${String(rnd.int(1, 12)).padStart(2, '0')}/${rnd.int(2019, 2025)},${String(rnd.int(0, 23)).padStart(2, '0')}:${String(rnd.int(0, 59)).padStart(2, '0')},${rnd.pick(groups)},${rnd.pick(['knife', 'None', '', 'Body'])},${rnd.pick(lsoas)},${rnd.int(10, 30)},${rnd.pick(['M', 'F'])},${rnd.pick(eth)},${rnd.pick(['Y', 'N', ''])}\n`;
    if (!out.write(line)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
}

/** Resident memory of Chromium's renderer processes, in MB (the tab and its DuckDB worker). */
function rendererMb() {
  try {
    const ps = execSync("ps -eo rss,args | grep -- '--type=renderer' | grep -v grep", { encoding: 'utf8' });
    return ps.trim().split('\n').reduce((s, l) => s + Number(l.trim().split(/\s+/)[0]) / 1024, 0);
  } catch {
    return 0;
  }
}

await writeExtract();
const size = statSync(file).size;
const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const base = server.resolvedUrls.local[0].replace(/\/$/, '');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage();
await page.goto(base + '/data?demo=0');
await page.waitForSelector('[data-state="ready"]', { timeout: 60000 });
await page.setInputFiles('input[type=file]', file);
const name = path.basename(file);
await page.waitForSelector(`article[aria-label="File ${name}"]`);
let peak = rendererMb();
const timer = setInterval(() => (peak = Math.max(peak, rendererMb())), 100);
let progressSeen = 0; // the largest share of the load the progress bar showed
const progressTimer = setInterval(async () => {
  const v = await page.evaluate(() => document.querySelector('progress')?.value ?? 0).catch(() => 0);
  progressSeen = Math.max(progressSeen, v);
}, 100);
const t0 = Date.now();
await page.getByRole('button', { name: `Load ${name}` }).click();
await page.waitForSelector(`article[aria-label="File ${name}"] .load-report, article[aria-label="File ${name}"] [role=alert]`, { timeout: 600000 });
const seconds = (Date.now() - t0) / 1000;
clearInterval(timer);
clearInterval(progressTimer);
const loaded = await page.locator(`article[aria-label="File ${name}"] [data-testid="rows-loaded"]`).textContent().catch(() => null);
const err = await page.locator(`article[aria-label="File ${name}"] [role=alert]`).textContent().catch(() => null);
console.log(JSON.stringify({ rows, fileMB: +(size / 1e6).toFixed(1), seconds, rowsPerSecond: Math.round(rows / seconds), peakRendererMB: Math.round(peak), loaded, error: err, maxProgressSeen: progressSeen }, null, 1));
await browser.close();
await server.close();
