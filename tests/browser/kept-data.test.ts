import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { baseUrl, chooseFiles, loadChosen, sharedBrowser, sqlRowsInApp, waitForDb } from './harness';

const browser = sharedBrowser();

/** A new tab of the same browser profile (so with the same storage), opened at `path`. */
async function reopen(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(baseUrl() + path);
  await waitForDb(page);
  return page;
}

/** What the app has stored in this browser: localStorage's keys and the private file system's entries. */
function stored(page: Page): Promise<{ local: string[]; files: string[] }> {
  return page.evaluate(async () => {
    const files: string[] = [];
    const walk = async (dir: FileSystemDirectoryHandle, prefix: string) => {
      for await (const [name, handle] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
        files.push(prefix + name);
        if (handle.kind === 'directory') await walk(handle as FileSystemDirectoryHandle, `${prefix}${name}/`);
      }
    };
    await walk(await navigator.storage.getDirectory(), '');
    return { local: Object.keys(localStorage), files: files.sort() };
  });
}

/**
 * Stores what no kept copy accounts for: a basemap setting, and the folder of a keep cut short (its
 * tab closed while it was written), kept-cut-short/police.csv, which no note names.
 */
function plantLeftovers(page: Page): Promise<void> {
  return page.evaluate(async () => {
    localStorage.setItem('vrp-basemap', JSON.stringify({ template: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution: '© Example' }));
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('kept-cut-short', { create: true });
    const writable = await (await dir.getFileHandle('police.csv', { create: true })).createWritable();
    await writable.write('crime_ref\n');
    await writable.close();
  });
}

const keptSummary = (page: Page) => page.getByTestId('kept-summary');

/** The private file system's folder of the copy kept now, as the note in localStorage names it. */
const keptFolder = (page: Page) => page.evaluate(() => (JSON.parse(localStorage.getItem('vrp-kept-data')!) as { folder: string }).folder);

/** Loads police-basic.csv (4 rows loaded of 9) in `page` and keeps it, once the Data page says so. */
async function loadAndKeep(page: Page): Promise<void> {
  await chooseFiles(page, ['tests/fixtures/police-basic.csv']);
  await loadChosen(page, 'police-basic.csv');
  await page.getByRole('button', { name: 'Keep the loaded data in this browser' }).click();
  await keptSummary(page).filter({ hasText: /^Kept in this browser: 1 extract, [\d.]+ KB, saved \d+ \w{3} \d{4}, \d\d:\d\d\./ }).waitFor();
}

describe('keeping data between visits', () => {
  it('stores nothing in the browser unless asked, even with a file loaded', async () => {
    const context = await browser().newContext();
    const page = await reopen(context, '/data?demo=0');
    await chooseFiles(page, ['tests/fixtures/police-basic.csv']);
    await loadChosen(page, 'police-basic.csv');
    await page.locator('table.extracts-table tbody tr').first().waitFor();
    expect(await stored(page)).toEqual({ local: [], files: [] });
    expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
    await context.close();
  });

  it('offers no keep while only the demo is loaded, which opens by itself', async () => {
    const context = await browser().newContext();
    const page = await reopen(context, '/data');
    await page.locator('.demo-banner').waitFor();
    await page.getByText('Only the synthetic demo is loaded, and it opens with the app by itself. Load partner extracts to keep them.').waitFor();
    expect(await page.getByRole('button', { name: 'Keep the loaded data in this browser' }).isDisabled()).toBe(true);
    // with a partner extract loaded beside the demo, it can be kept
    await chooseFiles(page, ['tests/fixtures/police-basic.csv']);
    await loadChosen(page, 'police-basic.csv');
    await page.getByRole('button', { name: 'Keep the loaded data in this browser' }).and(page.locator(':enabled')).waitFor();
    expect(await page.getByText('Only the synthetic demo is loaded').count()).toBe(0);
    expect(await stored(page)).toEqual({ local: [], files: [] });
    await context.close();
  });

  it('opens the kept data instead of the demo, keeps every later change, and forgets it all on request', async () => {
    const context = await browser().newContext();
    const first = await reopen(context, '/data?demo=0');
    await loadAndKeep(first);
    await first.locator('.db-status[data-kept="kept"]', { hasText: /^Database ready \([^)]+\) · data kept in this browser$/ }).waitFor();
    const afterKeep = await stored(first);
    expect(afterKeep.local).toEqual(['vrp-kept-data']);
    const folder = afterKeep.files[0]!;
    expect(afterKeep.files).toEqual([folder, ...['ambulance', 'denominators', 'ed', 'extracts', 'load_rejections', 'load_warnings', 'police', 'stop_search', 'street_crime', 'yjs'].map((t) => `${folder}/${t}.csv`)]);
    await first.close();

    // the next visit, without ?demo=0: the kept extract, not the demo, which is not even promised while
    // DuckDB starts (its WebAssembly held back meanwhile)
    let release: () => void = () => undefined;
    const held = new Promise<void>((done) => (release = done));
    await context.route('**/*.wasm', async (route) => {
      await held;
      await route.continue();
    });
    // every text the top bar shows as the app opens, with its progress bar's value if it has one
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { statusSeen: string[] }).statusSeen = seen;
      new MutationObserver(() => {
        const badge = document.querySelector('.db-status');
        const bar = badge?.querySelector('progress');
        const now = `${badge?.textContent ?? ''}${bar ? ` [${bar.value}]` : ''}`;
        if (badge && seen[seen.length - 1] !== now) seen.push(now);
      }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const second = await context.newPage();
    await second.goto(baseUrl() + '/');
    await second.locator('.db-status', { hasText: /^Starting the database and loading the data kept in this browser…$/ }).waitFor();
    expect(await second.locator('.demo-banner').count()).toBe(0);
    release();
    await waitForDb(second);
    await context.unroute('**/*.wasm');
    // the top bar said which kept table it was reading, from the first, then the events, with a
    // progress bar from 0 to 90% (the events' 10% last)
    const seen = await second.evaluate(() => (window as unknown as { statusSeen: string[] }).statusSeen);
    const steps = seen.filter((t) => t.startsWith('Loading the data kept in this browser: '));
    expect(steps[0]).toMatch(/^Loading the data kept in this browser: the police table \(\d+ B\)… \[0\]$/);
    expect(steps.at(-1)).toBe('Loading the data kept in this browser: making the events… [0.9]');
    // and then, without going back to its first words, that the database is ready
    expect(seen.slice(seen.indexOf(steps.at(-1)!) + 1).every((t) => t.startsWith('Database ready'))).toBe(true);
    await second.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Data', exact: true }).click();
    await second.getByRole('cell', { name: 'police-basic.csv', exact: true }).waitFor();
    expect(await second.locator('.demo-banner').count()).toBe(0);
    expect(await sqlRowsInApp(second, `SELECT (SELECT count(*) FROM extracts) AS x, (SELECT count(*) FROM extracts WHERE is_demo) AS demo, (SELECT count(*) FROM events) AS n, (SELECT count(*) FROM load_rejections) AS r`)).toEqual([['1', '0', '4', '4']]);
    // a change made on this visit is kept too: police-basic.csv removed, yjs-basic.csv loaded
    await second.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Data', exact: true }).click();
    await second.getByRole('button', { name: 'Remove police-basic.csv' }).click();
    await keptSummary(second).filter({ hasText: 'Kept in this browser: 0 extracts' }).waitFor();
    await chooseFiles(second, ['tests/fixtures/yjs-basic.csv']);
    await loadChosen(second, 'yjs-basic.csv');
    await keptSummary(second).filter({ hasText: 'Kept in this browser: 1 extract' }).waitFor();
    // and a denominator table loaded on another view, away from the Data page
    await second.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Disproportionality' }).click();
    await second.getByLabel('Load a denominator table').setInputFiles({ name: 'young.csv', mimeType: 'text/csv', buffer: Buffer.from('group,population\nWhite,100000\nBlack,10000\nAsian,20000\nMixed,8000\nOther,3000\n') });
    await expect.poll(() => second.getByTestId('denominator-in-use').textContent()).toContain('your denominator table (young.csv)');
    await expect.poll(() => second.evaluate(() => (JSON.parse(localStorage.getItem('vrp-kept-data')!) as { signature: string }).signature)).toMatch(/\|denominators:5:\d+$/);
    // the kept data is up to date, as the top bar says on any view: closing the tab does not ask
    await second.locator('.db-status', { hasText: /^Database ready \([^)]+\) · data kept in this browser$/ }).waitFor();
    const dialogs: string[] = [];
    second.on('dialog', (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    const closed = second.waitForEvent('close');
    await second.close({ runBeforeUnload: true });
    await closed;
    expect(dialogs).toEqual([]);

    const third = await reopen(context, '/data');
    expect(await sqlRowsInApp(third, `SELECT source, count(*) AS n FROM events GROUP BY source`)).toEqual([['yjs', '1']]);
    expect(await sqlRowsInApp(third, `SELECT file_name, count(*) AS n, sum(population) AS p FROM denominators GROUP BY ALL`)).toEqual([['young.csv', '5', '141000']]);
    // besides the copy: a basemap setting, and the folder of a keep cut short (its tab closed while
    // it was written), which no note names
    await plantLeftovers(third);
    expect((await stored(third)).files).toContain('kept-cut-short/police.csv');
    await third.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Data', exact: true }).click();
    await third.getByText('Forget all data removes everything the app keeps in this browser: the kept data, and a basemap set on the Places view.', { exact: false }).waitFor();
    await third.getByRole('button', { name: 'Forget all data' }).click();
    await third.getByRole('button', { name: 'Keep the loaded data in this browser' }).waitFor();
    expect(await stored(third)).toEqual({ local: [], files: [] });
    await third.close();

    // forgotten: the next visit opens with the demo again
    const fourth = await reopen(context, '/data');
    await fourth.locator('.demo-banner').waitFor();
    expect(await sqlRowsInApp(fourth, `SELECT count(*) FILTER (WHERE is_demo) AS demo, count(*) AS x FROM extracts`)).toEqual([['4', '4']]);
    await context.close();
  });

  it('a second tab sees what the first keeps without overwriting it, and either can forget it', async () => {
    const context = await browser().newContext();
    const a = await reopen(context, '/data?demo=0');
    const b = await reopen(context, '/data?demo=0');
    await loadAndKeep(a);
    const note = await a.evaluate(() => localStorage.getItem('vrp-kept-data'));
    // tab b, with nothing loaded, learns of the copy but does not keep its own empty data over it
    await keptSummary(b).filter({ hasText: 'Kept in this browser: 1 extract' }).waitFor();
    await b.getByText('The data loaded in this tab is not what is kept.').waitFor();
    // with nothing loaded here, there is nothing to keep in its place
    expect(await b.getByRole('button', { name: 'Keep the data loaded here instead' }).count()).toBe(0);
    await b.waitForTimeout(1000);
    expect(await b.getByText('Keeping the loaded data in this browser…').count()).toBe(0);
    expect(await b.evaluate(() => localStorage.getItem('vrp-kept-data'))).toBe(note);
    // tab a still keeps its own changes
    await a.getByRole('button', { name: 'Remove police-basic.csv' }).click();
    await keptSummary(a).filter({ hasText: 'Kept in this browser: 0 extracts' }).waitFor();
    // tab b loads a file of its own and keeps it in place of tab a's copy; tab a then no longer follows
    await chooseFiles(b, ['tests/fixtures/yjs-basic.csv']);
    await loadChosen(b, 'yjs-basic.csv');
    await b.getByRole('button', { name: 'Keep the data loaded here instead' }).click();
    await b.getByText('Every load and removal is kept too').waitFor();
    await a.getByText('The data loaded in this tab is not what is kept.').waitFor();
    expect(await a.evaluate(() => (JSON.parse(localStorage.getItem('vrp-kept-data')!) as { extracts: number }).extracts)).toBe(1);
    // forgotten in tab b: tab a offers to keep again
    await b.getByRole('button', { name: 'Forget all data' }).click();
    await a.getByRole('button', { name: 'Keep the loaded data in this browser' }).waitFor();
    expect(await stored(a)).toEqual({ local: [], files: [] });
    await context.close();
  });

  it('a kept copy that cannot be read loads nothing, says why, and can be forgotten', async () => {
    const context = await browser().newContext();
    const first = await reopen(context, '/data?demo=0');
    await loadAndKeep(first);
    const note = await first.evaluate(() => localStorage.getItem('vrp-kept-data'));
    // the kept police file is damaged: a row with a value too many
    await first.evaluate(async (folder) => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
      const handle = await dir.getFileHandle('police.csv');
      const text = await (await handle.getFile()).text();
      const writable = await handle.createWritable();
      await writable.write(text + text.trim().split('\n')[1] + ',extra\n');
      await writable.close();
    }, await keptFolder(first));
    await first.close();

    const second = await context.newPage();
    await second.goto(baseUrl() + '/data');
    await second.waitForSelector('[data-state="ready"]', { timeout: 60000 });
    await second.locator('.db-status', { hasText: /^Kept data failed to load: The kept table police could not be read \(/ }).waitFor();
    // the top bar's dot turns amber, as for a demo that failed
    expect(await second.getAttribute('.db-status', 'data-kept')).toBe('failed');
    expect(await second.$eval('.db-status .dot', (d) => getComputedStyle(d).backgroundColor)).toBe('rgb(242, 169, 0)');
    await second.getByRole('alert').filter({ hasText: 'The data kept in this browser could not be loaded' }).waitFor();
    // nothing of it, and not the demo either
    expect(await second.locator('.demo-banner').count()).toBe(0);
    await second.getByText('No extracts are loaded.').waitFor();
    // the damaged copy is left as it is until the user acts: not replaced by the empty database
    await second.waitForSelector('.db-status[data-busy="false"]');
    await second.waitForTimeout(1000);
    expect(await second.getByText('Keeping the loaded data in this browser…').count()).toBe(0);
    expect(await second.evaluate(() => localStorage.getItem('vrp-kept-data'))).toBe(note);
    await keptSummary(second).filter({ hasText: 'Kept in this browser: 1 extract' }).waitFor();
    await second.getByRole('button', { name: 'Forget all data' }).click();
    await second.getByRole('button', { name: 'Keep the loaded data in this browser' }).waitFor();
    expect(await second.getByRole('alert').filter({ hasText: 'could not be loaded' }).count()).toBe(0);
    // once the copy is forgotten, its failure is no longer the top bar's news
    await second.locator('.db-status', { hasText: /^Database ready \([^)]+\)$/ }).waitFor();
    expect(await second.$eval('.db-status .dot', (d) => getComputedStyle(d).backgroundColor)).toBe('rgb(76, 195, 138)');
    expect(await stored(second)).toEqual({ local: [], files: [] });
    await context.close();
  });

  it('a folder another tab is still writing cannot be forgotten: says which, keeps the loaded data, and tries again on request', async () => {
    const context = await browser().newContext();
    const page = await reopen(context, '/data?demo=0');
    await loadAndKeep(page);
    // a keep under way in another tab: a file of its folder open for writing, which the browser
    // will not let anyone remove
    await page.evaluate(async () => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('kept-other-tab', { create: true });
      const writable = await (await dir.getFileHandle('police.csv', { create: true })).createWritable();
      await writable.write('crime_ref\n');
      (window as unknown as { held: FileSystemWritableFileStream }).held = writable;
    });
    await page.getByRole('button', { name: 'Forget all data' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Could not forget the kept data' });
    await expect.poll(() => alert.textContent()).toBe(
      "Could not forget the kept data: a kept folder could not be removed (kept-other-tab); close the app's other tabs and try again. Try again",
    );
    // the copy itself is forgotten: nothing is kept to open, and the loaded data is as it was
    const left = await stored(page);
    expect(left.local).toEqual([]);
    // the folder, its file and the browser's working copy of the file being written
    expect(left.files.length).toBeGreaterThan(1);
    expect(left.files.every((f) => f.startsWith('kept-other-tab'))).toBe(true);
    await page.getByRole('cell', { name: 'police-basic.csv', exact: true }).waitFor();
    // once the other tab is done with it, trying again removes it
    await page.evaluate(() => (window as unknown as { held: FileSystemWritableFileStream }).held.close());
    await alert.getByRole('button', { name: 'Try again' }).click();
    await alert.waitFor({ state: 'detached' });
    expect(await stored(page)).toEqual({ local: [], files: [] });
    expect(await sqlRowsInApp(page, `SELECT count(*) AS n FROM events`)).toEqual([['4']]);
    await context.close();
  });

  it('with no copy kept, what the browser still holds is named and can be forgotten', async () => {
    const context = await browser().newContext();
    const page = await reopen(context, '/sql?demo=0');
    await plantLeftovers(page);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Data', exact: true }).click();
    const leftovers = page.getByTestId('kept-leftovers');
    await expect.poll(() => leftovers.textContent()).toBe(
      'Nothing is kept, but this browser still holds 1 folder of an unfinished keep (kept-cut-short) and a basemap set on the Places view.',
    );
    await page.getByRole('button', { name: 'Forget all data' }).click();
    await leftovers.waitFor({ state: 'detached' });
    expect(await stored(page)).toEqual({ local: [], files: [] });
    expect(await page.getByRole('button', { name: 'Forget all data' }).count()).toBe(0);
    await context.close();
  });

  it('a kept copy whose files are gone says so, and opens nothing', async () => {
    const context = await browser().newContext();
    const first = await reopen(context, '/data?demo=0');
    await loadAndKeep(first);
    // the browser cleared the site's files but not its localStorage
    await first.evaluate(async (folder) => {
      await (await navigator.storage.getDirectory()).removeEntry(folder, { recursive: true });
    }, await keptFolder(first));
    await first.close();
    const second = await context.newPage();
    await second.goto(baseUrl() + '/data');
    await second.locator('.db-status', { hasText: /^Kept data failed to load: The data kept in this browser could not be found \(/ }).waitFor({ timeout: 60000 });
    await second.getByText('No extracts are loaded.').waitFor();
    expect(await second.locator('.demo-banner').count()).toBe(0);
    await context.close();
  });
});
