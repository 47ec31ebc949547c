import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function baseUrl(): string {
  return inject('baseUrl');
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

/** One Chromium for a test file: started before its tests, closed after them. */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('The browser has not started');
    return browser;
  };
}

export interface OpenedPage {
  page: Page;
  consoleErrors: string[];
  requests: Request[];
}

/**
 * Opens a path of the app in a fresh context, recording console errors and every request.
 * `isolated: false` opens it as on a host that sends no isolation headers (the app's own responses
 * without them), where the app runs DuckDB's single-threaded build.
 */
export async function openPage(browser: Browser, path: string, options: { waitForDb?: boolean; isolated?: boolean } = {}): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
  if (options.isolated === false) {
    await context.route('**/*', async (route) => {
      const response = await route.fetch();
      const headers = Object.fromEntries(Object.entries(response.headers()).filter(([k]) => !/^cross-origin-(opener|embedder)-policy$/i.test(k)));
      await route.fulfill({ response, headers });
    });
  }
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const requests: Request[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(err.message));
  page.on('request', (req) => requests.push(req));
  await page.goto(baseUrl() + path);
  if (options.waitForDb !== false) await waitForDb(page);
  return { page, consoleErrors, requests };
}

export async function waitForDb(page: Page): Promise<void> {
  await page.waitForSelector('[data-state="ready"], [data-state="failed"]', { timeout: 60000 });
  const state = await page.getAttribute('.db-status', 'data-state');
  if (state !== 'ready') throw new Error(`Database did not start: ${await page.textContent('.db-status')}`);
}

/** Types SQL into the console, runs it and waits for a result or an error. */
export async function runSql(page: Page, sql: string): Promise<void> {
  const before = await page.getAttribute('.sql-output', 'data-completed-runs');
  await page.getByLabel('SQL', { exact: true }).fill(sql);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForFunction((prev) => {
    const now = document.querySelector('.sql-output')?.getAttribute('data-completed-runs');
    return now !== 'pending' && now !== prev;
  }, before);
}

/** The console's result table as rows of cell text. */
export async function resultRows(page: Page): Promise<string[][]> {
  return page.$$eval('table[class="data-table"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

export async function resultHeader(page: Page): Promise<string[]> {
  return page.$$eval('table[class="data-table"] thead th', (ths) => ths.map((th) => th.textContent ?? ''));
}

/** Chooses files on the Data page through the real file input and waits for their cards. */
export async function chooseFiles(
  page: Page,
  files: (string | { name: string; mimeType: string; buffer: Buffer })[],
): Promise<void> {
  const before = await page.locator('main article').count();
  const payloads = files.map((f) =>
    typeof f === 'string' ? { name: path.basename(f), mimeType: 'application/octet-stream', buffer: readFileSync(f) } : f,
  );
  await page.setInputFiles('input[type=file]', payloads);
  await page.waitForFunction((n) => document.querySelectorAll('main article').length >= n, before + files.length);
}

/** Clicks "Load <file>" and waits for the report or an error on that file's card. */
export async function loadChosen(page: Page, fileName: string): Promise<void> {
  await page.getByRole('button', { name: `Load ${fileName}`, exact: true }).click();
  await page.waitForSelector(`article[aria-label="File ${fileName}"] .load-report, article[aria-label="File ${fileName}"] [role=alert]`, { timeout: 60000 });
}

export async function reportNumber(page: Page, fileName: string, testId: string): Promise<string> {
  return (await page.locator(`article[aria-label="File ${fileName}"] [data-testid="${testId}"]`).textContent()) ?? '';
}

/** The SQL console's error for its last run, or null if it ran. */
export async function sqlError(page: Page): Promise<string | null> {
  const alert = page.locator('.sql-output > .error-box[role=alert]');
  return (await alert.count()) > 0 ? alert.first().textContent() : null;
}

/**
 * Goes to the SQL console in-app (a reload would empty the in-memory database) and runs a query:
 * its rows. A query DuckDB refuses throws with DuckDB's message, so that a failed statement is not
 * read as one that returned no rows.
 */
export async function sqlRowsInApp(page: Page, sql: string): Promise<string[][]> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'SQL console' }).click();
  await page.waitForSelector('.sql-output', { state: 'attached' });
  await runSql(page, sql);
  const error = await sqlError(page);
  if (error !== null) throw new Error(`The SQL console refused ${sql}: ${error}`);
  return resultRows(page);
}

/** Inclusive bounds of each channel of a colour: [least, most]. */
export interface ColourRange {
  r: [number, number];
  g: [number, number];
  b: [number, number];
}

/** Counts the map canvas's pixels whose colour is within the range, read back from WebGL. */
export async function mapPixels(page: Page, range: ColourRange): Promise<number> {
  return page.evaluate(({ r, g, b }) => {
    const canvas = document.querySelector('.map canvas') as HTMLCanvasElement;
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d')!;
    ctx.drawImage(canvas, 0, 0);
    const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
    const within = (v: number, [least, most]: [number, number]) => v >= least && v <= most;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (within(data[i]!, r) && within(data[i + 1]!, g) && within(data[i + 2]!, b)) n++;
    return n;
  }, range);
}
