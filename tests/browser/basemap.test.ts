import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapPixels, openPage, sharedBrowser, waitForDb } from './harness';

const browser = sharedBrowser();

/** A PNG of one pure green pixel: every tile the map draws from the test's server. */
function greenPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]); // 1 × 1, 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 0, 255, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// A tile server on another origin than the app's (another port): it answers /{z}/{x}/{y}.png with
// the green pixel, letting other sites use it, /nocors/… the same without that permission, and
// /missing/… with 404 Not Found, as a server does for a path it has no tiles under.
let tiles: Server;
let tileOrigin = '';
const tileRequests: string[] = [];
const tileReferrers = new Set<string>();
beforeAll(async () => {
  const png = greenPng();
  tiles = createServer((req, res) => {
    tileRequests.push(req.url ?? '');
    tileReferrers.add(req.headers.referer ?? '(none)');
    const cors = req.url?.startsWith('/nocors/') ? {} : { 'Access-Control-Allow-Origin': '*' };
    if (req.url?.startsWith('/missing/')) {
      res.writeHead(404, 'Not Found', { 'Content-Type': 'text/plain', ...cors });
      res.end('no such tile');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'image/png', ...cors });
    res.end(png);
  });
  await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
  tileOrigin = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => tiles.close(resolve));
});

/** Pixels of the map canvas in the tiles' pure green (none of the app's own colours is). */
const greenPixels = (page: Page) => mapPixels(page, { r: [0, 39], g: [216, 255], b: [0, 39] });

/** Fetches a URL from the page: whether it was sent, and whether the page's policy refused it. */
async function fetchFromPage(page: Page, url: string): Promise<{ sent: boolean; refusedByPolicy: boolean }> {
  return page.evaluate(async (u) => {
    let refusedByPolicy = false;
    const note = (e: SecurityPolicyViolationEvent) => {
      if (e.blockedURI.startsWith(new URL(u).origin)) refusedByPolicy = true;
    };
    document.addEventListener('securitypolicyviolation', note);
    let sent = true;
    try {
      await fetch(u);
    } catch {
      sent = false;
    }
    // the violation event is queued as a task after the refusal
    await new Promise((r) => setTimeout(r, 100));
    document.removeEventListener('securitypolicyviolation', note);
    return { sent, refusedByPolicy };
  }, url);
}

async function openMap(page: Page): Promise<void> {
  await waitForDb(page);
  await page.waitForSelector('.map[data-ready="true"]', { timeout: 60000 });
}

/** The Places view opened with a basemap of the test server's already saved, its settings open. */
async function openWithBasemap(path: string, attribution: string): Promise<Page> {
  const { page } = await openPage(browser(), '/places');
  await page.evaluate(([t, a]) => localStorage.setItem('vrp-basemap', JSON.stringify({ template: t, attribution: a })), [`${tileOrigin}${path}/{z}/{x}/{y}.png`, attribution]);
  await page.reload();
  await openMap(page);
  await page.getByText(`Basemap: tiles from ${tileOrigin}`).click();
  return page;
}

describe('basemap', () => {
  it('reaches no tile server until one is saved; from the next open draws its tiles and credits them, allowing that server alone; once removed draws none', async () => {
    tileRequests.length = 0;
    tileReferrers.clear();
    const { page, requests } = await openPage(browser(), '/places?from=2024-01');
    await openMap(page);
    expect(await fetchFromPage(page, `${tileOrigin}/0/0/0.png`)).toEqual({ sent: false, refusedByPolicy: true });

    await page.getByText('Basemap: none').click();
    const address = page.getByLabel('Tile address');
    const credit = page.getByLabel('Attribution');
    await address.fill('http://tiles.example.org/{z}/{x}/{y}.png');
    await credit.fill('Example');
    await page.getByRole('button', { name: 'Save basemap' }).click();
    await expect.poll(() => page.getByRole('alert').allTextContents()).toContain(
      'The tile address must start with https:// (plain http is allowed only for a tile server on this computer).',
    );
    expect(await page.evaluate(() => localStorage.getItem('vrp-basemap'))).toBeNull();

    await address.fill(`${tileOrigin}/{z}/{x}/{y}.png`);
    await credit.fill('Test tiles © Example');
    await page.getByRole('button', { name: 'Save basemap' }).click();
    await page.getByTestId('basemap-reload').waitFor();
    expect(await page.getByText(`Basemap: tiles from ${tileOrigin}`).count()).toBe(1);
    expect(JSON.parse((await page.evaluate(() => localStorage.getItem('vrp-basemap')))!)).toEqual({ template: `${tileOrigin}/{z}/{x}/{y}.png`, attribution: 'Test tiles © Example' });
    // the page opened without that server: nothing is asked of it yet
    expect(tileRequests).toEqual([]);
    expect(await page.locator('.map-attribution').count()).toBe(0);

    await page.getByRole('button', { name: 'Reload now' }).click();
    await openMap(page);
    await expect.poll(() => greenPixels(page), { timeout: 30000 }).toBeGreaterThan(2000);
    expect(tileRequests.length).toBeGreaterThan(0);
    expect(tileRequests.every((u) => /^\/\d+\/\d+\/\d+\.png$/.test(u))).toBe(true);
    // each tile request names the app's origin, and nothing of the page's path or its filters
    expect([...tileReferrers]).toEqual([`${new URL(page.url()).origin}/`]);
    expect(await page.locator('.map-attribution').textContent()).toBe('Basemap: Test tiles © Example');
    expect(await page.getByTestId('basemap-reload').count()).toBe(0);
    // the tiles came with the server's permission, so the map can still be saved as a picture
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG of the map' }).click()]);
    const bytes = Buffer.concat(await (await png.createReadStream()).toArray());
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(20000);
    expect(await fetchFromPage(page, `${tileOrigin}/1/0/0.png`)).toEqual({ sent: true, refusedByPolicy: false });
    expect(await fetchFromPage(page, 'http://example.invalid/beacon')).toEqual({ sent: false, refusedByPolicy: true });
    // every request the page made went to its own origin or to the tile server
    const origin = new URL(page.url()).origin;
    const elsewhere = requests.map((r) => r.url()).filter((u) => !u.startsWith(origin) && !u.startsWith(tileOrigin) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(elsewhere).toEqual([]);

    await page.getByText(`Basemap: tiles from ${tileOrigin}`).click();
    await page.getByRole('button', { name: 'Remove basemap' }).click();
    await page.getByText('Basemap: none').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('vrp-basemap'))).toBeNull();
    expect(await page.locator('.map-attribution').count()).toBe(0);
    await expect.poll(() => greenPixels(page), { timeout: 30000 }).toBe(0);

    await page.reload();
    await openMap(page);
    expect(await fetchFromPage(page, `${tileOrigin}/0/0/0.png`)).toEqual({ sent: false, refusedByPolicy: true });
    await page.context().close();
  });

  it('says so when the tile server does not let the page use its tiles', async () => {
    const page = await openWithBasemap('/nocors', 'No CORS');
    await expect.poll(() => page.getByRole('alert').allTextContents(), { timeout: 30000 }).toEqual([
      expect.stringMatching(/^The basemap’s tiles did not load \(.+\)\. Check the tile address, and that the tile server lets other sites use its tiles\.$/),
    ]);
    await page.context().close();
  });

  it('says so when the tile server has no tiles at the address given', async () => {
    tileRequests.length = 0;
    const page = await openWithBasemap('/missing', 'Nothing here');
    // the tile over Leeds at zoom 10 is 507, 329 (worked out in the unit test)
    await expect.poll(() => page.getByRole('alert').allTextContents(), { timeout: 30000 }).toEqual([
      `The basemap’s tiles did not load (the tile server answered 404 Not Found for the tile over Leeds, ${tileOrigin}/missing/10/507/329.png). Check the tile address, and that the tile server lets other sites use its tiles.`,
    ]);
    expect(tileRequests).toContain('/missing/10/507/329.png');
    expect(await greenPixels(page)).toBe(0);
    await page.context().close();
  });
});
