#!/usr/bin/env node
// The speed benchmark (issue "Benchmark"): builds the app, serves it, and drives headless Chromium
// through the real pages at each size, beside a plain-JavaScript baseline in the same browser.
// Usage: npm run bench -- [--sizes 100000,1000000,5000000] [--runs 30] [--opens 5] [--loads 3] [--workbook-rows 100000] [--out bench-results] [--no-build]
//   [--region wy]: the partnership area of the first opens and of every filter change (Leeds by default)
//   [--against <dist folder>]: only loads with Load clicked at once, this build's and those of another build of
//   the app (built with `vite build --outDir <folder>`) in turn, in the same browser: a side-by-side run.
//   [--fresh-memory-mib 3968]: how far the tab measuring fresh memory grows its WebAssembly memory
//   [--seed 42]: the seed of the generated police extract; another seed gives another file of the
//   same shape, to check the ratios on a different file
// Writes <out>/latest.json and <out>/latest.md and prints the markdown table. Not a test.
import { preview, build } from 'vite';
import { chromium } from 'playwright-core';
import { createReadStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, totalmem, tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { writePoliceExtract, writePoliceWorkbook } from './bench/extract.mjs';
import { baselineInPage, naiveParseInPage } from './bench/baseline.mjs';
import { duckdbWasm, ISOLATION_HEADERS } from './duckdb-wasm.mjs';
import { timeChosenInPage, timeLoadInPage, timeOpenInPage } from './bench/in-page.mjs';
import { summariseFreshMemory } from './bench/fresh-memory.mjs';
import { median } from './bench/median.mjs';
import { tabRenderer } from './bench/renderers.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('sizes', '100000,1000000').split(',').map(Number).filter((n) => n > 0);
const runs = Number(arg('runs', '30'));
// cold opens vary by a second from one to the next on a busy 2-core machine: the median of several is reported
const opens = Number(arg('opens', '5'));
// so do loads, by a few seconds at 1,000,000 rows: each size is loaded this many times, in fresh tabs
const loads = Number(arg('loads', '3'));
const outDir = arg('out', 'bench-results');
const seed = Number(arg('seed', '42'));
if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, not ${arg('seed', '')}`);
const VIEWS = ['/trends', '/places', '/disproportionality', '/partnership'];
const TITLES = { '/trends': 'Trends', '/places': 'Places', '/disproportionality': 'Disproportionality', '/partnership': 'Partnership' };

if (!process.argv.includes('--no-build')) await build({ logLevel: 'warn' });
const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const base = server.resolvedUrls.local[0].replace(/\/$/, '');
const againstDir = arg('against', null);
const againstServer = againstDir ? await preview({ preview: { port: 0, host: '127.0.0.1' }, build: { outDir: againstDir }, logLevel: 'warn' }) : null;
const againstBase = againstServer?.resolvedUrls.local[0].replace(/\/$/, '');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking'],
});
const work = mkdtempSync(path.join(tmpdir(), 'vrp-bench-'));

// The floor page (scripts/bench/floor): DuckDB alone, built apart from the app and served by a
// server of its own, so that nothing of it reaches the app's build.
const floorDir = path.join(work, 'floor');
const floorRoot = path.resolve('scripts/bench/floor');
const floorConfig = {
  root: floorRoot,
  configFile: false,
  logLevel: 'warn',
  plugins: [duckdbWasm(process.cwd())],
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  worker: { format: 'es' },
  build: { outDir: floorDir, emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0, chunkSizeWarningLimit: 4000 },
};
await build(floorConfig);
// isolated as the app's server is, so that the threaded build can run there too
const floorServer = await preview({
  ...floorConfig,
  preview: { port: 0, host: '127.0.0.1', headers: ISOLATION_HEADERS },
});
const floorBase = floorServer.resolvedUrls.local[0].replace(/\/$/, '');

/** A fresh tab of the floor page, for `work` (page) => result; closed after. */
async function inFloorPage(work) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(900000);
  try {
    await page.goto(floorBase + '/');
    await page.waitForFunction(() => typeof window.benchFloor === 'function');
    await settle();
    return await work(page);
  } finally {
    await context.close().catch(() => undefined);
  }
}

/**
 * Serves the extract to the baseline tab from a small local server, streamed from disk (a file of
 * several hundred MB is too large to hand to the page through the browser driver).
 */
const fileServers = [];
async function serveFile(file) {
  const srv = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/csv', 'Access-Control-Allow-Origin': '*' });
    createReadStream(file).pipe(res);
  });
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  fileServers.push(srv);
  return `http://127.0.0.1:${srv.address().port}/extract.csv`;
}

/** CPU time of the whole machine so far: [idle, total], in clock ticks (Linux's /proc/stat). */
function cpuTicks() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return [fields[3] + fields[4], fields.reduce((a, b) => a + b, 0)];
  } catch {
    return null;
  }
}

/**
 * Waits, before each timed open or load, until the machine is quiet: a closed tab's process can
 * go on freeing its memory for seconds, and the first load after the smaller size's baseline was
 * 2 to 3 s slower than the next ones. Quiet is two half-seconds in a row at least 85% idle; it
 * gives up after 15 s (and where /proc/stat is missing, does not wait).
 */
async function settle() {
  let quiet = 0;
  for (let waited = 0; waited < 15000 && quiet < 2; waited += 500) {
    const a = cpuTicks();
    await new Promise((r) => setTimeout(r, 500));
    const b = cpuTicks();
    if (!a || !b) return;
    quiet = (b[0] - a[0]) / Math.max(1, b[1] - a[1]) >= 0.85 ? quiet + 1 : 0;
  }
}

/**
 * Chromium's renderer processes (a tab runs in one, with its workers), each with its resident
 * memory now (VmRSS), the most it has held since it started (VmHWM), in MB, and whether it is the
 * browser's own UI; read from /proc (empty where there is none). Read once, not polled: calling
 * \`ps\` ten times a second while a load ran took about a third of one of the machine's two cores
 * away from the load it measured.
 */
function renderers() {
  const out = [];
  let pids = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('--type=renderer')) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const mb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) / 1024;
      out.push({ rss: mb('VmRSS'), hwm: mb('VmHWM'), ui: cmdline.includes('--top-chrome-webui') });
    } catch {
      // the process ended while it was read
    }
  }
  return out;
}

/**
 * Memory of the tab now and the most it has held, in MB: its renderer process's (see
 * renderers.mjs), and, as counted before 8 December, every renderer's added up, Chromium's UI and
 * spare renderer included. Each tab is opened in a fresh context, whose processes start with it,
 * and a closed tab's processes are gone by the time \`settle\` ends.
 */
function tabMemoryMb() {
  const list = renderers();
  const tab = tabRenderer(list);
  // none found (no /proc, as off Linux): unknown, printed as a dash, rather than 0 MB
  if (!tab) return { now: null, peak: null, allNow: null, allPeak: null };
  const sum = (key) => Math.round(list.reduce((total, r) => total + r[key], 0));
  return { now: Math.round(tab.rss), peak: Math.round(tab.hwm), allNow: sum('rss'), allPeak: sum('hwm') };
}

/** The largest of the figures that were measured, or null if none was. */
function maxKnown(xs) {
  const known = xs.filter((x) => typeof x === 'number');
  return known.length ? Math.max(...known) : null;
}

/** The app's figures divided by the baseline's, side by side: load time, peak memory, each view's p95 change. */
function vsBaseline(result) {
  const b = result.baseline ?? {};
  const div = (a, z) => (typeof a === 'number' && typeof z === 'number' && z > 0 ? +(a / z).toFixed(2) : null);
  return {
    load: div(result.loadSeconds, b.loadSeconds),
    // clicked at once, as the baseline, which reads the file only when asked
    loadAtOnce: div(result.loadAtOnceSeconds, b.loadSeconds),
    // the honest load against DuckDB alone reading the file, and against a naive papaparse parse
    loadAtOnceVsFloor: div(result.loadAtOnceSeconds, result.floorSeconds),
    loadAtOnceVsNaiveParse: div(result.loadAtOnceSeconds, result.naiveParseSeconds),
    peakMB: div(result.loadPeakMB, b.loadPeakMB),
    // the tab's peak while loading against the floor tab's peak while DuckDB alone read the file
    peakVsFloor: div(result.loadPeakMB, result.floorPeakMB),
    changeP95: Object.fromEntries(VIEWS.map((v) => [v, div(result.views?.[v]?.p95, b.p95)])),
  };
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]) : null;
};

/** Seconds each step of a load took, from when its progress label showed until the next one did. */
function stepSeconds(timing) {
  const out = {};
  timing.steps.forEach((s, i) => {
    const end = timing.steps[i + 1]?.atMs ?? timing.ms;
    out[s.step.replace(/^Step \d+ of \d+: /, '')] = +((end - s.atMs) / 1000).toFixed(3);
  });
  return out;
}

/** Months to filter from, one per change, so no change is answered from the cache. */
const region = arg('region', 'leeds');
if (!['leeds', 'wy'].includes(region)) throw new Error(`--region is leeds or wy, not ${region}`);
/** The region's parameter, for a link: none for Leeds. */
const regionParam = region === 'wy' ? 'region=wy' : '';
const froms = Array.from({ length: runs }, (_, i) => `${2019 + Math.floor(i / 12) % 6}-${String((i % 12) + 1).padStart(2, '0')}`);

/**
 * One cold open in a fresh tab: the time until the overview's figures show, and the JavaScript
 * it fetched (each script's size gzipped at level 9, whatever the server sent): the app's own
 * and DuckDB's worker scripts, which the budget counts; DuckDB's WebAssembly it does not. Each
 * script counts once: the threaded build starts its pool's workers from one script, which the
 * server sends once and then answers "not modified" (304) for each further worker.
 */
async function coldOpen() {
  const context = await browser.newContext();
  await context.addInitScript(timeOpenInPage);
  const page = await context.newPage();
  await settle();
  const scripts = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.endsWith('.js')) scripts.push(r.body().then((b) => ({ url: r.url(), gz: gzipSync(b, { level: 9 }).length })));
  });
  await page.goto(base + '/' + (regionParam ? `?${regionParam}` : ''));
  const ms = Math.round(await page.evaluate(() => window.__benchOpen));
  const readyMs = Math.round(await page.evaluate(() => window.__benchReady));
  const fetched = [...new Map((await Promise.all(scripts)).map((x) => [x.url, x])).values()];
  await context.close();
  const kb = (xs) => Math.round(xs.reduce((sum, x) => sum + x.gz, 0) / 1024);
  const duckdb = fetched.filter((x) => /duckdb-browser-[a-z]+(\.pthread)?\.worker/.test(x.url));
  return { ms, readyMs, jsKb: kb(fetched), duckdbWorkerKb: kb(duckdb) };
}

/**
 * Changes the filters as Back/Forward would and times until every query has settled and a frame is
 * drawn. When the queries are so quick that the busy badge never shows (React commits the start
 * and the end together), the time is that of the view's last change to the page instead.
 */
async function filterChange(page, search) {
  return page.evaluate(async (q) => {
    const badge = document.querySelector('.db-status');
    const main = document.querySelector('main');
    let sawBusy = false;
    let lastChange = null;
    const drawn = new MutationObserver(() => (lastChange = performance.now()));
    drawn.observe(main, { subtree: true, childList: true, characterData: true, attributes: true });
    const settled = new Promise((resolve) => {
      // records keep the old value, so a busy spell shorter than one callback is not missed
      const observer = new MutationObserver((records) => {
        if (records.some((r) => r.oldValue === 'true') || badge.getAttribute('data-busy') === 'true') sawBusy = true;
        if (sawBusy && badge.getAttribute('data-busy') === 'false') {
          observer.disconnect();
          resolve(null);
        }
      });
      observer.observe(badge, { attributes: true, attributeFilter: ['data-busy'], attributeOldValue: true });
      setTimeout(() => {
        if (!sawBusy) {
          observer.disconnect();
          resolve(lastChange);
        }
      }, 1000);
    });
    const t0 = performance.now();
    history.pushState(null, '', location.pathname + q);
    dispatchEvent(new PopStateEvent('popstate'));
    const quietEnd = await settled;
    drawn.disconnect();
    if (quietEnd !== null) return quietEnd - t0;
    await new Promise((r) => requestAnimationFrame(() => r()));
    return performance.now() - t0;
  }, search);
}

async function measureSize(rows) {
  const file = path.join(work, `police-${rows}.csv`);
  await writePoliceExtract(file, rows, seed);
  const result = { rows, fileMB: +(statSync(file).size / 1e6).toFixed(1) };

  // the app: load through the Data page (in fresh tabs, `loads` times), then filter changes on each
  // view, then an export, in the tab of the last load
  const name = path.basename(file);
  const open = async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(Number(arg('timeout-ms', '120000')));
    return { context, page };
  };
  // The file is chosen as a user chooses it, on a Data page left until the machine is quiet (the
  // app warms DuckDB's code up for a load meanwhile): Choose files opens the
  // file dialog, which is left open until the machine is quiet again, or, with dropped, the file is
  // dragged into the page and dropped on it at once. Load is clicked once the machine is quiet
  // again, as after a user has checked the file's columns, or, with atOnce, as soon as they
  // show.
  const load = async (page, { atOnce = false, dropped = false, from = base } = {}) => {
    await page.goto(from + '/data?demo=0');
    await page.waitForSelector('[data-state="ready"]');
    // which build ran: the threaded one names its threads in the status
    if (from === base) result.threads = Number((await page.getAttribute('.db-status', 'data-threads')) ?? 1);
    await settle();
    if (dropped) {
      // the file reaches the page through an input of the benchmark's own (the app's handlers never
      // see it), then is dragged into the page and dropped at once: dragenter, dragover and drop
      // in one task, the quickest a hand could be
      await page.evaluate(() => {
        const input = Object.assign(document.createElement('input'), { type: 'file', id: 'bench-drop-source', hidden: true });
        document.body.append(input);
      });
      await page.setInputFiles('#bench-drop-source', file);
      await page.evaluate(() => {
        const dt = new DataTransfer();
        dt.items.add(document.getElementById('bench-drop-source').files[0]);
        const target = document.querySelector('main h1');
        for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      });
    } else {
      const chooser = page.waitForEvent('filechooser');
      await page.getByText('Choose files', { exact: true }).click();
      await settle();
      await (await chooser).setFiles(file);
    }
    await page.waitForSelector(`article[aria-label="File ${name}"]`);
    await page.evaluate(timeLoadInPage, name);
    if (!atOnce) await settle();
    await page.getByRole('button', { name: `Load ${name}` }).click();
    const timing = await page.evaluate(() => window.__benchLoad);
    const seconds = +(timing.ms / 1000).toFixed(3);
    const { peak, allPeak } = tabMemoryMb();
    // count, not textContent: textContent waits for an alert that after a good load never comes
    const alert = page.locator(`article[aria-label="File ${name}"] [role=alert]`);
    const failure = (await alert.count()) > 0 ? await alert.first().textContent() : null;
    if (failure) throw new Error(`load failed: ${failure}`);
    console.error(`  loaded in ${seconds} s`);
    return { seconds, peak, allPeak, steps: stepSeconds(timing), longestTaskMs: timing.longestTaskMs };
  };
  if (againstBase) {
    // side by side: Load clicked at once, this build then the other, `loads` times each
    result.sideBySide = { thisSeconds: [], thisPeakMB: [], otherSeconds: [], otherPeakMB: [] };
    for (let i = 0; i < loads; i++) {
      for (const [from, key] of [[base, 'this'], [againstBase, 'other']]) {
        const extra = await open();
        try {
          const r = await load(extra.page, { atOnce: true, from });
          result.sideBySide[`${key}Seconds`].push(r.seconds);
          result.sideBySide[`${key}PeakMB`].push(r.peak);
        } catch (e) {
          result.error = String(e instanceof Error ? e.message : e).slice(0, 300);
        } finally {
          await extra.context.close().catch(() => undefined);
        }
      }
    }
    return result;
  }
  result.loadRunsSeconds = [];
  result.loadRunsSteps = [];
  result.loadRunsLongestTaskMs = [];
  let peaks = [];
  let allPeaks = [];
  for (let i = 1; i < loads; i++) {
    const extra = await open();
    try {
      const r = await load(extra.page);
      result.loadRunsSeconds.push(r.seconds);
      result.loadRunsSteps.push(r.steps);
      result.loadRunsLongestTaskMs.push(r.longestTaskMs);
      peaks.push(r.peak);
      allPeaks.push(r.allPeak);
    } catch (e) {
      result.error = String(e instanceof Error ? e.message : e).slice(0, 300);
      await extra.context.close().catch(() => undefined);
      return result;
    }
    await extra.context.close();
  }
  // Load clicked as soon as the columns show, the file chosen in the dialog, then dropped on the page
  const quick = [
    ['loadAtOnceSeconds', { atOnce: true }],
    ['loadDroppedAtOnceSeconds', { atOnce: true, dropped: true }],
  ];
  // what a new user meets, the honest case: Load clicked at once, `loads` times in fresh tabs
  result.loadAtOnceRunsSeconds = [];
  for (const [key, options] of quick) {
    for (let i = 0; i < (key === 'loadAtOnceSeconds' ? loads : 1); i++) {
      const extra = await open();
      try {
        const seconds = (await load(extra.page, options)).seconds;
        if (key === 'loadAtOnceSeconds') result.loadAtOnceRunsSeconds.push(seconds);
        else result[key] = seconds;
      } catch (e) {
        result.error = String(e instanceof Error ? e.message : e).slice(0, 300);
        await extra.context.close().catch(() => undefined);
        return result;
      }
      await extra.context.close();
    }
  }
  result.loadAtOnceSeconds = median(result.loadAtOnceRunsSeconds);
  const { context, page } = await open();
  try {
    const last = await load(page);
    result.loadRunsSeconds.push(last.seconds);
    result.loadRunsSteps.push(last.steps);
    result.loadRunsLongestTaskMs.push(last.longestTaskMs);
    result.loadLongestTaskMs = Math.max(...result.loadRunsLongestTaskMs);
    peaks = [...peaks, last.peak];
    allPeaks = [...allPeaks, last.allPeak];
    result.loadSeconds = median(result.loadRunsSeconds);
    result.loadPeakMB = maxKnown(peaks);
    result.loadPeakAllRenderersMB = maxKnown(allPeaks);
    result.rowsPerSecond = Math.round(rows / result.loadSeconds);
    result.views = {};
    const loaded = tabMemoryMb();
    result.memoryLoadedMB = loaded.now;
    result.memoryLoadedAllRenderersMB = loaded.allNow;
    for (const view of VIEWS) {
      console.error(`  ${view}…`);
      try {
        // clear the filters first (not timed): the view must not open on a filter set it is then timed on
        await filterChange(page, regionParam ? `?${regionParam}` : '');
        const opened = Date.now();
        await page.getByRole('navigation', { name: 'Views' }).locator(`a[href^="${view}"]`).first().click();
        // the view's own chunk loads first: wait for its heading, then for its figures
        await page.getByRole('heading', { level: 1, name: TITLES[view], exact: true }).waitFor();
        await page.waitForTimeout(300);
        await page.waitForSelector('.db-status[data-busy="false"]');
        const firstMs = Date.now() - opened;
        const times = [];
        for (const from of froms) times.push(await filterChange(page, `?from=${from}&sex=${times.length % 2 ? 'Female' : 'Male'}${regionParam ? `&${regionParam}` : ''}`));
        result.views[view] = { firstMs, p50: pct(times, 50), p95: pct(times, 95), times: times.map(Math.round) };
      } catch (e) {
        result.views[view] = { error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
        if (page.isClosed()) throw new Error(`the tab crashed on ${view}`);
      }
    }
    await page.getByRole('navigation', { name: 'Views' }).locator('a[href^="/trends"]').first().click();
    await filterChange(page, '');
    const e0 = Date.now();
    // an export's time is measured, not bounded: all 5,000,000 records take about a minute
    await Promise.all([page.waitForEvent('download', { timeout: 900000 }), page.getByRole('button', { name: 'Export records (CSV)' }).click()]);
    result.exportSeconds = (Date.now() - e0) / 1000;
  } catch (e) {
    result.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
    console.error(`  failed: ${result.error}`);
  } finally {
    await context.close().catch(() => undefined);
  }

  // the baseline, in a fresh tab of the same browser
  const bctx = await browser.newContext({ bypassCSP: true });
  console.error('  baseline…');
  const bpage = await bctx.newPage();
  bpage.setDefaultTimeout(900000);
  try {
    await bpage.goto(base + '/sql?demo=0');
    await bpage.addScriptTag({ path: 'node_modules/papaparse/papaparse.min.js' });
    await settle();
    const b = await bpage.evaluate(baselineInPage, { url: await serveFile(file), froms });
    const { peak: loadPeakMB, allPeak: loadPeakAllRenderersMB } = tabMemoryMb();
    // the file is parsed in chunks: a row lost or doubled where two chunks meet would show here
    if (b.rows !== rows) throw new Error(`the baseline read ${b.rows.toLocaleString('en-GB')} rows of ${rows.toLocaleString('en-GB')}`);
    result.baseline = { loadSeconds: +(b.loadMs / 1000).toFixed(2), loadPeakMB, loadPeakAllRenderersMB, p50: pct(b.times, 50), p95: pct(b.times, 95) };
    result.vsBaseline = vsBaseline(result);
  } catch (e) {
    result.baseline = { error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  } finally {
    await bctx.close().catch(() => undefined);
  }

  // the floor: DuckDB reading the same file into a table and nothing else; and a naive parse of it
  console.error('  floor and naive parse…');
  try {
    const url = await serveFile(file);
    // the floor of the build the app ran, and of the single-threaded one when that was the threaded
    // one; each with the most memory its tab held, counted as the app's tab is (tabMemoryMb)
    const floorOf = async (threads) => {
      const floor = await inFloorPage(async (page) => ({ ...(await page.evaluate(([u, t]) => window.benchFloor(u, t), [url, threads])), memory: tabMemoryMb() }));
      if (floor.rows !== rows) throw new Error(`the floor read ${floor.rows} rows of ${rows}`);
      return { seconds: +(floor.ms / 1000).toFixed(3), peakMB: floor.memory.peak, allPeakMB: floor.memory.allPeak };
    };
    const threads = result.threads ?? 1;
    const floor = await floorOf(threads);
    result.floorSeconds = floor.seconds;
    result.floorPeakMB = floor.peakMB;
    result.floorPeakAllRenderersMB = floor.allPeakMB;
    if (threads > 1) result.floorSingleThreadSeconds = (await floorOf(1)).seconds;
    const naive = await inFloorPage(async (page) => {
      await page.addScriptTag({ path: 'node_modules/papaparse/papaparse.min.js' });
      return page.evaluate(naiveParseInPage, { url });
    });
    if (naive.rows !== rows) throw new Error(`the naive parse read ${naive.rows} rows of ${rows}`);
    result.naiveParseSeconds = +(naive.ms / 1000).toFixed(3);
    result.vsBaseline = vsBaseline(result);
  } catch (e) {
    result.floorError = e instanceof Error ? e.message.split('\n')[0] : String(e);
  }
  return result;
}

/**
 * The same rows as CSV and as an Excel workbook, each chosen in a fresh tab with Load clicked as
 * soon as it shows, timed in the page from the file chosen to the report (a workbook is read when
 * chosen, so its reading counts): `loads` times each, alternating. Before 7 December this was timed
 * from outside with Playwright clicking Load, whose waiting between checks (up to 0.5 s) fell on
 * the workbook, whose button shows a second after it is chosen, and not on the CSV, whose shows at
 * once.
 */
async function measureWorkbook(rows) {
  const csv = path.join(work, `workbook-${rows}.csv`);
  const xlsx = path.join(work, `workbook-${rows}.xlsx`);
  await writePoliceExtract(csv, rows, 7);
  await writePoliceWorkbook(csv, xlsx);
  const result = { rows, csvMB: +(statSync(csv).size / 1e6).toFixed(1), xlsxMB: +(statSync(xlsx).size / 1e6).toFixed(1), csvSeconds: [], xlsxSeconds: [], csvShownSeconds: [], xlsxShownSeconds: [] };
  for (let i = 0; i < loads; i++) {
    for (const [file, key] of [[csv, 'csvSeconds'], [xlsx, 'xlsxSeconds']]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.setDefaultTimeout(Number(arg('timeout-ms', '120000')));
      try {
        await page.goto(base + '/data?demo=0');
        await page.waitForSelector('[data-state="ready"]');
        await settle();
        const name = path.basename(file);
        await page.evaluate(timeChosenInPage, name);
        await page.setInputFiles('input[type=file]', file);
        const timing = await page.evaluate(() => window.__benchChosen);
        const failure = await page.locator(`article[aria-label="File ${name}"] [role=alert]`).count();
        if (failure) throw new Error(`${name}: ${await page.locator(`article[aria-label="File ${name}"] [role=alert]`).first().textContent()}`);
        result[key].push(+(timing.ms / 1000).toFixed(2));
        result[key.replace('Seconds', 'ShownSeconds')].push(+(timing.shownMs / 1000).toFixed(2));
      } catch (e) {
        result.error = String(e instanceof Error ? e.message : e).slice(0, 300);
      } finally {
        await context.close().catch(() => undefined);
      }
    }
  }
  if (result.csvSeconds.length && result.xlsxSeconds.length) result.ratio = +(median(result.xlsxSeconds) / median(result.csvSeconds)).toFixed(2);
  return result;
}

const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GB, headless Chromium ${browser.version()}`;
const touchMiBps = Math.round(await inFloorPage((page) => page.evaluate(() => window.benchTouchMemory())));
const coldOpens = [];
for (let i = 0; i < opens; i++) coldOpens.push(await coldOpen());
const coldOpensMs = coldOpens.map((o) => o.ms);
const readyOpensMs = coldOpens.map((o) => o.readyMs);
const report = {
  madeAt: new Date().toISOString(),
  machine,
  touchMiBps,
  region,
  seed,
  runs,
  loads,
  coldOpenMs: median(coldOpensMs),
  coldOpensMs,
  dbReadyMs: median(readyOpensMs),
  dbReadyOpensMs: readyOpensMs,
  openJsKb: coldOpens[0]?.jsKb,
  openDuckdbWorkerKb: coldOpens[0]?.duckdbWorkerKb,
  sizes: [],
};
for (const rows of sizes) {
  console.error(`measuring ${rows.toLocaleString('en-GB')} rows…`);
  report.sizes.push(await measureSize(rows));
}
const workbookRows = Number(arg('workbook-rows', '100000'));
if (workbookRows > 0) {
  console.error(`measuring a workbook of ${workbookRows.toLocaleString('en-GB')} rows…`);
  report.workbook = await measureWorkbook(workbookRows);
}
// fresh memory as DuckDB takes it, up to nearly the 4 GiB a tab's WebAssembly can hold: where the
// rate falls, a large load pays the lower rate for everything it takes beyond (scripts/bench/fresh-memory.mjs).
// Measured last, so that taking and letting go of nearly 4 GiB cannot disturb any load.
const FRESH_STEP_MIB = 128;
const freshRates = await inFloorPage((page) => page.evaluate(([step, max]) => window.benchFreshMemory(step, max), [FRESH_STEP_MIB, Number(arg('fresh-memory-mib', '3968'))]));
const freshMemory = { stepMiB: FRESH_STEP_MIB, rates: freshRates.map((r) => Math.round(r)), ...summariseFreshMemory(FRESH_STEP_MIB, freshRates) };
report.freshMemory = freshMemory;
await browser.close();
await server.close();
await floorServer.close();
await againstServer?.close();
// the extracts it wrote (half a gigabyte at 5,000,000 rows)
rmSync(work, { recursive: true, force: true });
for (const srv of fileServers) srv.close();

const f = (v, unit = '') => (v === undefined || v === null ? '—' : `${typeof v === 'number' ? v.toLocaleString('en-GB') : v}${unit}`);
const md = [
  `Benchmark, ${report.madeAt.slice(0, 10)}, on ${machine}; each size loaded ${loads} times in fresh tabs (the table shows the median; every load is listed below it), ${runs} filter changes per view; partnership area ${region === 'wy' ? 'West Yorkshire (region=wy)' : 'Leeds'}; the police extract generated with seed ${seed}.`,
  '',
  `The machine touches fresh memory at ${f(report.touchMiBps)} MiB/s (one byte in each 4 KiB page of 512 MiB, the best of three), so runs on other machines compare as ratios.`,
  '',
  freshMemory.triedMiB === 0
    ? 'Fresh memory taken as DuckDB takes it: not measured (the tab took no step).'
    : `Fresh memory taken as DuckDB takes it, measured after the loads: one WebAssembly memory in a fresh tab grown ${f(freshMemory.stepMiB)} MiB at a time up to ${f(freshMemory.triedMiB)} MiB: ${
        freshMemory.slowFromMiB === null
          ? `${f(freshMemory.fastMiBps)} MiB/s all the way (the median step)`
          : `${f(freshMemory.fastMiBps)} MiB/s for the first ${f(freshMemory.slowFromMiB)} MiB, then ${f(freshMemory.slowMiBps)} MiB/s (the medians before and after the fall); a tab whose peak goes past that point pays the lower rate for the rest`
      }. Each step: ${freshMemory.rates.map((r) => f(r)).join(', ')} MiB/s.`,
  '',
  ...report.sizes
    .filter((s) => s.sideBySide)
    .map((s) => {
      const b = s.sideBySide;
      const line = (xs, mb) => `median ${f(median(xs))} s (worst ${f(Math.max(...xs))}, best ${f(Math.min(...xs))}; each ${xs.map((x) => f(x)).join(', ')} s), peak ${f(maxKnown(mb), ' MB')}`;
      return `Side by side at ${f(s.rows)} rows, Load clicked at once, in turn: this build ${line(b.thisSeconds, b.thisPeakMB)}; ${againstDir} ${line(b.otherSeconds, b.otherPeakMB)}; this ÷ other (medians) ${f(+(median(b.thisSeconds) / median(b.otherSeconds)).toFixed(2))}×.${s.error ? ` (failed: ${s.error})` : ''}`;
    }),
  '',
  '**What a new user meets**: a file chosen in the dialog on a fresh Data page, Load clicked the instant its columns show, reading the file included:',
  '',
  ...report.sizes
    .filter((s) => s.loadAtOnceRunsSeconds?.length)
    .map((s) => {
      const r = s.loadAtOnceRunsSeconds;
      const vs = s.vsBaseline ?? {};
      return `- ${f(s.rows)} rows: ${f(s.loadAtOnceSeconds)} s, the median of ${r.length} (worst ${f(Math.max(...r))} s, best ${f(Math.min(...r))} s); the floor, DuckDB alone reading the file into a table: ${f(s.floorSeconds)} s${s.threads > 1 ? ` on the app's ${s.threads} threads (on one: ${f(s.floorSingleThreadSeconds)} s)` : ' (single-threaded, as the app ran)'}, so the load takes ${f(vs.loadAtOnceVsFloor)}× the floor; a naive papaparse parse (header: true, in chunks): ${f(s.naiveParseSeconds)} s, so the load takes ${f(vs.loadAtOnceVsNaiveParse)}× it (target ≤ 0.5×); the tab's peak while loading ${f(s.loadPeakMB, ' MB')}, the floor tab's ${f(s.floorPeakMB, ' MB')}, so ${f(vs.peakVsFloor)}× the floor's (the tab's own renderer process; with Chromium's UI and spare renderer processes, as counted before 8 December: ${f(s.loadPeakAllRenderersMB, ' MB')} and ${f(s.floorPeakAllRenderersMB, ' MB')})${s.floorError ? ` (floor failed: ${s.floorError})` : ''}.`;
    }),
  '',
  `Cold open with the demo data until the overview's figures show: ${f(report.coldOpenMs, ' ms')}, the median of ${opens} (${f(Math.min(...coldOpensMs))} to ${f(Math.max(...coldOpensMs), ' ms')}; budget 3,000 ms).`,
  '',
  `The same opens until the database is ready, from when a filter change is answered: ${f(report.dbReadyMs, ' ms')}, the median (${f(Math.min(...readyOpensMs))} to ${f(Math.max(...readyOpensMs), ' ms')}). Until then the overview shows the synthetic demo's first-open answers, kept with the demo.`,
  '',
  `JavaScript fetched by that open: ${f(report.openJsKb, ' KB')} gzipped, of which DuckDB's worker scripts are ${f(report.openDuckdbWorkerKb, ' KB')} (budget 800 KB, DuckDB's WebAssembly not counted).`,
  '',
  '| rows | load (s) | rows/s | peak MB of the tab | memory loaded (MB) | filter change p50 / p95 (ms): trends · places · disproportionality · partnership | export all (s) | baseline: load (s), peak MB, change p50 / p95 (ms) | app ÷ baseline: load, peak MB, change p95 per view |',
  '|---|---|---|---|---|---|---|---|---|',
  ...report.sizes.map((s) => {
    const views = s.views ? VIEWS.map((v) => (s.views[v]?.error ? 'failed' : `${f(s.views[v]?.p50)} / ${f(s.views[v]?.p95)}`)).join(' · ') : '—';
    const b = s.baseline ?? {};
    const base = b.error ? `failed: ${b.error}` : `${f(b.loadSeconds)}, ${f(b.loadPeakMB)}, ${f(b.p50)} / ${f(b.p95)}`;
    const vs = s.vsBaseline;
    const x = (r) => (r === null || r === undefined ? '—' : `${r.toFixed(1)}×`);
    const versus = vs ? `${x(vs.load)}, ${x(vs.peakMB)}, ${VIEWS.map((v) => x(vs.changeP95[v])).join(' · ')}` : '—';
    return `| ${f(s.rows)} | ${f(s.loadSeconds)} | ${f(s.rowsPerSecond)} | ${f(s.loadPeakMB)} | ${f(s.memoryLoadedMB)} | ${views}${s.error ? ` (${s.error})` : ''} | ${f(s.exportSeconds)} | ${base} | ${versus} |`;
  }),
  '',
  'Memory is the tab\'s own renderer process, where the page and its workers run. Until 8 December every renderer of the browser was added up, Chromium\'s UI (about 110 to 160 MB) and the spare renderer it keeps for the next tab (about 75 MB) included; counted that way:',
  '',
  ...report.sizes
    .filter((s) => s.memoryLoadedAllRenderersMB !== undefined)
    .map((s) => `- ${f(s.rows)} rows: peak ${f(s.loadPeakAllRenderersMB, ' MB')}, memory loaded ${f(s.memoryLoadedAllRenderersMB, ' MB')}; the baseline's peak ${f(s.baseline?.loadPeakAllRenderersMB, ' MB')}.`),
  '',
  ...report.sizes.filter((s) => s.loadRunsSeconds?.length > 1).map((s) => `Loads of ${f(s.rows)} rows: ${s.loadRunsSeconds.map((x) => f(x)).join(', ')} s.`),
  '',
  ...report.sizes
    .filter((s) => s.loadAtOnceSeconds !== undefined)
    .map((s) => `A load of ${f(s.rows)} rows with Load clicked as soon as the file's columns show: ${f(s.loadAtOnceSeconds)} s (median); the same with the file dropped on the page instead of chosen in the dialog: ${f(s.loadDroppedAtOnceSeconds)} s${s.vsBaseline?.loadAtOnce ? `; the first against the baseline's load: ${s.vsBaseline.loadAtOnce}×` : ''}.`),
  '',
  ...report.sizes.filter((s) => s.loadRunsSteps?.length).map((s) => {
    const names = Object.keys(s.loadRunsSteps[0]);
    const each = names.map((n) => `${n} ${f(median(s.loadRunsSteps.map((r) => r[n] ?? 0)))} s`);
    return `Steps of a load of ${f(s.rows)} rows (the median of each): ${each.join(' · ')}.`;
  }),
  '',
  ...report.sizes.filter((s) => s.loadRunsLongestTaskMs?.length).map((s) => `Longest main-thread task while loading ${f(s.rows)} rows, each load: ${s.loadRunsLongestTaskMs.map((x) => (x ? f(x) : 'under 50')).join(', ')} ms.`),
  '',
  ...(report.workbook
    ? [
        `The same ${f(report.workbook.rows)} rows as CSV (${f(report.workbook.csvMB)} MB) and as an Excel workbook (${f(report.workbook.xlsxMB)} MB), from the file chosen to its report, Load clicked at once (the moment its button shows: CSV ${report.workbook.csvShownSeconds.map((x) => f(x)).join(', ')} s; workbook ${report.workbook.xlsxShownSeconds.map((x) => f(x)).join(', ')} s after choosing): CSV ${report.workbook.csvSeconds.map((x) => f(x)).join(', ')} s; workbook ${report.workbook.xlsxSeconds.map((x) => f(x)).join(', ')} s; workbook ÷ CSV (medians): ${f(report.workbook.ratio)}× (budget 2×)${report.workbook.error ? ` (failed: ${report.workbook.error})` : ''}.`,
        '',
      ]
    : []),
  'Budgets: load 1,000,000 rows ≤ 6 s; filter change p95 ≤ 200 ms; memory with 1,000,000 events ≤ 1,500 MB; a 100,000-row workbook ≤ 2× the same rows as CSV.',
].join('\n');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(report, null, 1) + '\n');
writeFileSync(path.join(outDir, 'latest.md'), md + '\n');
console.log(md);
const failedSizes = report.sizes.filter((s) => s.error || s.baseline?.error).length + (report.workbook?.error ? 1 : 0);
process.exit(failedSizes > 0 ? 1 : 0);
