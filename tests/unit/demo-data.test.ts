import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, DEMO_SEED } from '../../scripts/demo/generator.mjs';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';
import type { LoadReport } from '@/data/ingest/load-extract';

const table = (file: string) => Papa.parse<Record<string, string>>(readFileSync(`data/reference/${file}`, 'utf8'), { header: true, skipEmptyLines: true }).data;
const lsoas = table('lsoa.csv');
const ethnicity = table('lsoa-ethnicity.csv');
// West Yorkshire's young residents (0–24) over Leeds's: the demo's volumes are Leeds's times this
const young = (rows: Record<string, string>[]) => rows.reduce((s, l) => s + Number(l.population_0_15) + Number(l.population_16_24), 0);
const SCALE = young(lsoas) / young(lsoas.filter((l) => l.lad24cd === 'E08000035'));
const boundaries = JSON.parse(readFileSync('data/reference/lsoa21.geojson', 'utf8'));
const SOURCES = ['police', 'ambulance', 'ed', 'yjs'] as const;

describe('demo generator determinism', () => {
  it('the same seed gives the same bytes, and the committed files are its output', () => {
    const a = generateDemo({ lsoas, ethnicity, boundaries });
    const b = generateDemo({ lsoas, ethnicity, boundaries, seed: DEMO_SEED });
    for (const s of SOURCES) {
      expect(a.files[s]).toBe(b.files[s]);
      expect(gunzipSync(readFileSync(`data/demo/${s}.csv.gz`)).toString('utf8')).toBe(a.files[s]);
    }
    expect(generateDemo({ lsoas, ethnicity, boundaries, seed: 7 }).files.police).not.toBe(a.files.police);
  });
});

describe('demo data behaves like a partnership of five districts, ~2.35 million people (loaded through the real pipeline)', () => {
  let t: TestDb;
  const reports: Record<string, LoadReport> = {};
  const one = async (sql: string) => Number(Object.values((await t.db.query(sql))[0] ?? {})[0]);

  beforeAll(async () => {
    t = await createLoadedDb();
    for (const s of SOURCES) reports[s] = await loadBytes(t, `${s}.csv.gz`, readFileSync(`data/demo/${s}.csv.gz`), { today: '2026-11-27' });
  }, 120_000);
  afterAll(() => t.db.close());

  it('loads every row: no rejections, no repeated keys, sources recognised from the headers', () => {
    for (const s of SOURCES) {
      expect(reports[s]!.source).toBe(s);
      expect(reports[s]!.rowsRejected).toBe(0);
      expect(reports[s]!.rowsDuplicate).toBe(0);
    }
  });

  it('has the stated volumes per full year (2019–2025): Leeds’s, times West Yorkshire’s young residents over Leeds’s', async () => {
    expect(SCALE).toBeGreaterThan(2.7);
    expect(SCALE).toBeLessThan(2.9);
    const perYear = await t.db.query<{ source: string; lo: number; hi: number }>(
      `SELECT source, min(n) AS lo, max(n) AS hi FROM (SELECT source, year(event_date) AS y, count(*) AS n FROM events WHERE year(event_date) <= 2025 GROUP BY ALL) GROUP BY source ORDER BY source`,
    );
    const ranges: Record<string, [number, number]> = { police: [4200, 7200], ambulance: [1800, 3100], ed: [1100, 1900], yjs: [420, 800] };
    for (const r of perYear) {
      const [lo, hi] = ranges[r.source]!.map((v) => v * SCALE) as [number, number];
      expect(r.lo, `${r.source} lowest year`).toBeGreaterThanOrEqual(lo);
      expect(r.hi, `${r.source} highest year`).toBeLessThanOrEqual(hi);
    }
  });

  it('dips in the spring 2020 lockdown and rises in summer', async () => {
    const lockdown = await one(`SELECT count(*) FROM events WHERE source = 'police' AND event_month IN ('2020-04-01', '2020-05-01')`);
    const before = await one(`SELECT count(*) FROM events WHERE source = 'police' AND event_month IN ('2019-04-01', '2019-05-01')`);
    expect(lockdown / before).toBeLessThan(0.7);
    const summer = await one(`SELECT count(*) FROM events WHERE month(event_date) IN (6, 7, 8) AND year(event_date) BETWEEN 2021 AND 2025`);
    const winter = await one(`SELECT count(*) FROM events WHERE month(event_date) IN (12, 1, 2) AND year(event_date) BETWEEN 2021 AND 2025`);
    expect(summer / winter).toBeGreaterThan(1.2);
  });

  it('has an after-school peak for children and a Friday/Saturday night peak', async () => {
    const afterSchool = await one(`SELECT avg(CASE WHEN event_hour BETWEEN 15 AND 19 THEN 1 ELSE 0 END) FROM events WHERE age < 18 AND event_hour IS NOT NULL`);
    expect(afterSchool).toBeGreaterThan(0.4); // 5 of 24 hours would be 0.21
    const weekendNights = await one(
      `SELECT avg(CASE WHEN dayofweek(event_date) IN (5, 6) THEN 1 ELSE 0 END) FROM events WHERE age >= 18 AND event_hour BETWEEN 21 AND 23`,
    );
    expect(weekendNights).toBeGreaterThan(2 / 7 + 0.08);
  });

  it('places records in every district, in proportion to its young residents and their deprivation', async () => {
    const shares = await t.db.query<{ lad24cd: string; records: number; young: number }>(
      `WITH r AS (SELECT lad24cd, count(*) AS n FROM events WHERE lad24cd IS NOT NULL GROUP BY 1),
        p AS (SELECT lad24cd, population_0_15 + population_16_24 AS y FROM ref_district)
      SELECT lad24cd, n / sum(n) OVER () AS records, y / sum(y) OVER () AS young FROM r JOIN p USING (lad24cd) ORDER BY 1`,
    );
    expect(shares).toHaveLength(5);
    for (const d of shares) {
      expect(d.records / d.young, d.lad24cd).toBeGreaterThan(0.6);
      expect(d.records / d.young, d.lad24cd).toBeLessThan(1.5);
    }
  });

  it('concentrates in deprived areas and the persistent hotspots', async () => {
    const rate = async (cond: string) =>
      one(`SELECT 1000.0 * count(*) / (SELECT sum(population) FROM ref_lsoa WHERE ${cond}) FROM events e JOIN ref_lsoa r USING (lsoa21cd) WHERE ${cond}`);
    expect((await rate('imd_decile = 1')) / (await rate('imd_decile >= 8'))).toBeGreaterThan(3);
    expect((await rate(`msoa_name = 'Leeds City Centre'`)) / (await rate('true'))).toBeGreaterThan(2);
    const seacroft = async (y: number) => one(`SELECT count(*) FROM events e JOIN ref_lsoa r USING (lsoa21cd) WHERE msoa_name = 'Seacroft North & Monkswood' AND year(event_date) = ${y}`);
    expect((await seacroft(2025)) / (await seacroft(2019))).toBeGreaterThan(1.6);
  });

  it('is mostly 12–24 and male; girls fewer among police records than in ED and ambulance', async () => {
    expect(await one(`SELECT avg(CASE WHEN age BETWEEN 12 AND 24 THEN 1 ELSE 0 END) FROM events WHERE age IS NOT NULL AND source IN ('police', 'ed', 'yjs')`)).toBeGreaterThan(0.8);
    const female = async (s: string) => one(`SELECT avg(CASE WHEN sex = 'Female' THEN 1 ELSE 0 END) FROM events WHERE source = '${s}'`);
    expect(await female('police')).toBeLessThan(0.3);
    expect(await female('ed')).toBeGreaterThan((await female('police')) + 0.05);
    expect(await female('ambulance')).toBeGreaterThan((await female('police')) + 0.05);
  });

  it('over-represents Black children in police and YJS records against the Census mix, and SEND is common in YJS', async () => {
    const black = async (s: string) =>
      one(`SELECT avg(CASE WHEN ethnicity = 'Black' THEN 1 ELSE 0 END) FROM events WHERE source = '${s}' AND ethnicity <> 'Not recorded'`);
    const census = await one(`SELECT 1.0 * sum(population) FILTER (WHERE ethnicity = 'Black') / sum(population) FROM ref_lsoa_ethnicity`);
    expect(await black('police')).toBeGreaterThan(census * 1.8);
    expect(await black('yjs')).toBeGreaterThan(census * 1.8);
    expect(await one(`SELECT avg(CASE WHEN send THEN 1 ELSE 0 END) FROM yjs`)).toBeGreaterThan(0.3);
  });

  it('has the gaps of real extracts', async () => {
    const policeEth = await one(`SELECT avg(CASE WHEN ethnicity = 'Not recorded' THEN 1 ELSE 0 END) FROM events WHERE source = 'police'`);
    expect(policeEth).toBeGreaterThan(0.15);
    expect(policeEth).toBeLessThan(0.26);
    const noPpn = await one(`SELECT avg(CASE WHEN ppn_submitted = false THEN 1 ELSE 0 END) FROM police WHERE role = 'Victim' AND age < 18`);
    expect(noPpn).toBeGreaterThan(0.27);
    expect(noPpn).toBeLessThan(0.4);
    expect(await one(`SELECT avg(CASE WHEN person_ref IS NULL THEN 1 ELSE 0 END) FROM events WHERE source = 'ambulance'`)).toBeGreaterThan(0.6);
    expect(await one(`SELECT avg(CASE WHEN lsoa21cd IS NULL THEN 1 ELSE 0 END) FROM events WHERE source = 'ed'`)).toBeGreaterThan(0.08);
    const knife = async (cond: string) =>
      one(`SELECT avg(CASE WHEN weapon = 'Knife or sharp' THEN 1 ELSE 0 END) FROM events WHERE source = 'police' AND category LIKE 'Violence%' AND ${cond}`);
    const early = await knife('year(event_date) <= 2023');
    expect(early).toBeGreaterThan(0.2);
    expect(early).toBeLessThan(0.32);
    expect(await knife('year(event_date) >= 2025')).toBeLessThan(early - 0.03);
  });

  it('links the same child across agencies', async () => {
    // about half of the children who attend an ED for assault are also in police records
    const edAlsoPolice = await one(`
      SELECT avg(CASE WHEN person_ref IN (SELECT person_ref FROM events WHERE source = 'police' AND person_ref IS NOT NULL) THEN 1 ELSE 0 END)
      FROM (SELECT DISTINCT person_ref FROM events WHERE source = 'ed' AND age < 18 AND person_ref IS NOT NULL)`);
    expect(edAlsoPolice).toBeGreaterThan(0.4);
    expect(edAlsoPolice).toBeLessThan(0.7);
    // distinct children with three or more incidents, from two or more agencies, within 12 months
    const cumulativeHarm = await one(`
      SELECT count(DISTINCT person_ref) FROM (
        SELECT a.person_ref, a.record_ref FROM events a
        JOIN events b ON a.person_ref = b.person_ref AND b.event_date BETWEEN a.event_date AND a.event_date + 365
        WHERE a.person_ref IS NOT NULL AND a.age < 18
        GROUP BY ALL HAVING count(*) >= 3 AND count(DISTINCT b.source) >= 2)`);
    expect(cumulativeHarm).toBeGreaterThan(1000 * SCALE);
    expect(cumulativeHarm).toBeLessThan(4000 * SCALE);
  });
});
