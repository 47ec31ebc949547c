import { describe, expect, it } from 'vitest';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import type { Download, Page } from 'playwright-core';
import { openPage, runSql, resultRows, sharedBrowser } from './harness';

const browser = sharedBrowser();

async function bytesOf(download: Download): Promise<Buffer> {
  return Buffer.concat(await (await download.createReadStream()).toArray());
}

/** Starts a heartbeat in the page; returns a reader of the longest gap between beats since. */
async function startHeartbeat(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { __gap: number; __last: number };
    w.__gap = 0;
    w.__last = performance.now();
    setInterval(() => {
      const now = performance.now();
      w.__gap = Math.max(w.__gap, now - w.__last);
      w.__last = now;
    }, 20);
  });
  return () => page.evaluate(() => (window as unknown as { __gap: number }).__gap);
}

describe('exports of a million records', () => {
  it('CSV and Parquet hold every record, and the page keeps drawing while they are made', async () => {
    const { page } = await openPage(browser(), '/sql?demo=0');
    // a million police records, half in 2024, made in the database rather than loaded from a file
    await runSql(
      page,
      `INSERT INTO police BY NAME SELECT 'bulk' AS extract_id, (i + 2)::INTEGER AS line, 'R' || i AS record_ref,
         DATE '2023-07-01' + (i % 365)::INTEGER AS event_date, (i % 24)::INTEGER AS event_hour, 'E01011264' AS lsoa21cd, true AS in_area,
         'R' || i AS crime_ref, 'Victim' AS role, 'P' || (i % 50000) AS person_ref, DATE '2023-07-01' + (i % 365)::INTEGER AS occurred_date,
         'Robbery' AS offence_group, CASE WHEN i = 7 THEN '=cmd()' END AS offence, 'Unknown' AS weapon, 15 AS age, '10-17' AS age_band, 'Male' AS sex, 'White' AS ethnicity
       FROM range(1000000) t(i)`,
    );
    await runSql(page, `SELECT count(*) AS n FROM events WHERE event_month >= DATE '2024-01-01'`);
    const [[expected]] = (await resultRows(page)) as [[string]];
    expect(Number(expected)).toBeGreaterThan(400_000);

    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Trends' }).click();
    await page.getByLabel('From').fill('2024-01');
    await page.waitForFunction((n) => document.querySelector('[data-testid="matching-count"]')?.textContent?.startsWith(n), Number(expected).toLocaleString('en-GB'), { timeout: 60000 });

    const gap = await startHeartbeat(page);
    const total = Number(expected).toLocaleString('en-GB');
    const [csv] = await Promise.all([
      page.waitForEvent('download', { timeout: 120000 }),
      page.getByRole('button', { name: 'Export records (CSV)' }).click(),
      // written about 100,000 records at a time, each batch counted
      page.getByRole('status').filter({ hasText: new RegExp(`^Exporting… [1-9][\\d,]* of ${total} records$`) }).waitFor({ timeout: 120000 }),
    ]);
    const text = (await bytesOf(csv)).toString('utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('#'))).toHaveLength(5);
    expect(lines.length - 6).toBe(Number(expected));
    expect(text).not.toContain(',=cmd()');

    const [parquet] = await Promise.all([page.waitForEvent('download', { timeout: 180000 }), page.getByRole('button', { name: 'Parquet' }).click()]);
    const bytes = await bytesOf(parquet);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const meta = parquetMetadata(file);
    expect(Number(meta.num_rows)).toBe(Number(expected));
    const kv = Object.fromEntries((meta.key_value_metadata ?? []).map((m) => [m.key, m.value]));
    expect(kv['vrp.filters']).toBe('Filters: from=2024-01');
    const sample = await parquetReadObjects({ file, rowStart: 0, rowEnd: 3, columns: ['source', 'event_date', 'police_offence_group'] });
    expect(sample.map((r) => r.source)).toEqual(['police', 'police', 'police']);
    expect((sample[0]!.event_date as Date).toISOString().slice(0, 10)).toBe('2024-01-01');

    // Not a speed test: a frozen page stops its timers for seconds; a working one keeps beating.
    expect(await gap()).toBeLessThan(1500);
    await page.context().close();
  }, 600_000);
});
