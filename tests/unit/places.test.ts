import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_FILTERS, type Filters } from '@/data/filters';
import { areaCountsSql, areaWindowSql, pointsSql, type Level, type Query } from '@/features/places/places-sql';
import { choropleth, CHOROPLETH, equalBreaks, HIDDEN, withWindows, type AreaCounts, type AreaWindow } from '@/features/places/area-figures';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';

const POLICE = `crime_ref,role,person_ref,occurred_date,offence_group,lsoa21cd,age
R1,Victim,P1,2024-01-10,Robbery,E01011264,15
R2,Victim,P2,2023-06-10,Robbery,E01011264,16
R3,Victim,P3,2024-02-01,Robbery,E01011265,16
R4,Victim,P4,2024-01-15,Robbery,E01010568,15
R5,Victim,P5,2024-01-16,Robbery,E01010569,15
R6,Victim,P6,2024-01-17,Robbery,E01034588,17
`;
// R4, R5: Bradford 016A and 016B, both in Baildon ward (Bradford); R6: Kirklees 053G
const ED = `attendance_ref,arrival_at,assault_method,person_ref,assault_lsoa21cd
E1,2024-01-12 10:00,knife,P1,E01011264
E2,2024-02-01 10:00,knife,P9,E01011264
`;
// five assaults at one point in Hunslet (E01011312) and one in the city centre
const ED_POINTS = `attendance_ref,arrival_at,assault_method,assault_latitude,assault_longitude
X1,2024-01-01 10:00,knife,53.774410,-1.544854
X2,2024-01-02 10:00,knife,53.774410,-1.544854
X3,2024-01-03 10:00,knife,53.774410,-1.544854
X4,2024-01-04 10:00,knife,53.774410,-1.544854
X5,2024-01-05 10:00,knife,53.774410,-1.544854
X6,2024-01-06 10:00,knife,53.7990,-1.5480
`;

let t: TestDb;
const run = (q: Query) => t.db.query(q.sql, q.params);
/** What the ranking shows: the map's figures with the 12-month windows to `end`. */
const areaStats = async (f: Filters, level: Level, end: string) =>
  withWindows((await run(areaCountsSql(f, level))) as unknown as AreaCounts[], (await run(areaWindowSql(f, level, end))) as unknown as AreaWindow[]);
beforeAll(async () => {
  t = await createLoadedDb();
  await loadBytes(t, 'police.csv', POLICE);
  await loadBytes(t, 'ed.csv', ED);
  await loadBytes(t, 'ed-points.csv', ED_POINTS);
});
afterAll(() => t.db.close());

describe('area figures for the map and the ranking', () => {
  it('give every LSOA its records, residents, 12-month windows, health-only share and IMD decile', async () => {
    const rows = await areaStats(NO_FILTERS, 'lsoa', '2024-02');
    expect(rows).toHaveLength(488);
    // E01011264: R1, R2, E1, E2 — all within the 12 months to Feb 2024; E1's child (P1) was seen by
    // the police two days before, E2's (P9) never: 2 health events with a person, 1 known only to health
    expect(rows.find((r) => r.code === 'E01011264')).toEqual({ code: 'E01011264', name: 'Leeds 011A', population: 1286, imd_decile: 6, n: 4, last12: 4, prev12: 0, health_linkable: 2, health_only: 1 });
    expect(rows.find((r) => r.code === 'E01011265')).toMatchObject({ n: 1, last12: 1, prev12: 0, population: 1953, imd_decile: 8 });
    expect(rows.filter((r) => r.n !== 0).map((r) => [r.code, r.n])).toEqual([['E01011264', 4], ['E01011265', 1], ['E01011312', 5], [expect.stringMatching(/^E01/), 1]]);
  });

  it('across West Yorkshire: every district, with the records of each, and wards naming their district', async () => {
    const wy = { ...NO_FILTERS, region: 'wy' as const };
    const districts = await areaStats(wy, 'district', '2024-02');
    // Leeds: R1–R3, E1, E2 and the six points X1–X6; Bradford R4, R5; Kirklees R6
    expect(districts.map((d) => [d.name, d.population, d.n])).toEqual([
      ['Bradford', 546433, 2],
      ['Calderdale', 206626, 0],
      ['Kirklees', 433166, 1],
      ['Leeds', 811927, 11],
      ['Wakefield', 353343, 0],
    ]);
    const wards = await areaStats(wy, 'ward', '2024-02');
    expect(wards).toHaveLength(124);
    expect(wards.find((w) => w.code === 'E05001341')).toMatchObject({ name: 'Baildon (Bradford)', n: 2, last12: 2 });
    expect(wards.find((w) => w.code === 'E05011549')).toMatchObject({ name: 'Otley & Yeadon (Leeds)', n: 4 });
    // in Leeds, the same records outside it are on no map
    expect((await areaStats(NO_FILTERS, 'district', '2024-02')).map((d) => [d.name, d.n])).toEqual([['Leeds', 11]]);
  });

  it('of young residents: the residents of those ages, and only the records of people those ages', async () => {
    // aged 0–15: R1 (15) in E01011264 (179 residents aged 0–15); R2, R3 are 16, the ED and point records have no age
    const young = await run(areaCountsSql(NO_FILTERS, 'lsoa', '0-15')) as unknown as AreaCounts[];
    expect(young.find((r) => r.code === 'E01011264')).toMatchObject({ population: 179, n: 1 });
    expect(young.find((r) => r.code === 'E01011265')).toMatchObject({ population: 354, n: 0 });
    // aged 16–24: R2 (Jun 2023) and R3 (16); E01011265 has 150 residents aged 16–24
    const older = await run(areaCountsSql(NO_FILTERS, 'lsoa', '16-24')) as unknown as AreaCounts[];
    expect(older.find((r) => r.code === 'E01011264')).toMatchObject({ population: 97, n: 1 });
    expect(older.find((r) => r.code === 'E01011265')).toMatchObject({ population: 150, n: 1 });
    // the ranking's windows count the same records: R3 (Feb 2024) in the 12 months to Feb 2024, R2 (Jun 2023) too
    const windows = await run(areaWindowSql(NO_FILTERS, 'lsoa', '2024-02', '16-24'));
    expect(windows).toEqual([{ code: 'E01011264', last12: 1, prev12: 0 }, { code: 'E01011265', last12: 1, prev12: 0 }]);
  });

  it('sum to wards, and keep every area in view when an area is selected', async () => {
    const wards = await areaStats({ ...NO_FILTERS, area: 'E01011265' }, 'ward', '2024-02');
    expect(wards).toHaveLength(33);
    expect(wards.find((r) => r.code === 'E05011549')).toMatchObject({ name: 'Otley & Yeadon', n: 4 });
    // with a window ending Jan 2023, R2 (Jun 2023) is outside both windows
    expect((await areaStats(NO_FILTERS, 'lsoa', '2023-01')).find((r) => r.code === 'E01011264')).toMatchObject({ last12: 0, prev12: 0 });
    // with a window ending Jan 2025: E2 (Feb 2024) is in the last 12 months; R1, E1 (Jan 2024) and R2 (Jun 2023) in the 12 before
    expect((await areaStats(NO_FILTERS, 'lsoa', '2025-01')).find((r) => r.code === 'E01011264')).toMatchObject({ n: 4, last12: 1, prev12: 3 });
  });

  it('plots no point from an LSOA whose count would be suppressed', async () => {
    // the five Hunslet points are plotted; the lone city-centre one (a count of 1) is not
    const points = await run(pointsSql(NO_FILTERS));
    expect(points).toHaveLength(5);
    expect(points.every((p) => p.lat === 53.7744 && p.lon === -1.5449)).toBe(true);
  });
});

describe('choropleth classes', () => {
  const area = (code: string, n: number, population = 1000) => ({ code, name: code, population, imd_decile: 1, n, last12: 0, prev12: 0, health_linkable: 0, health_only: 0 });

  it('cut equal intervals between the smallest and largest value, and grey out small counts in publishing mode', () => {
    expect(equalBreaks([0, 10], 5)).toEqual([2, 4, 6, 8]);
    const stats = [area('a', 0), area('b', 3), area('c', 10), area('d', 50), area('e', 100)];
    const open = choropleth(stats, 'count', false, String, 'equal');
    expect(open.breaks).toEqual([20, 40, 60, 80]);
    expect(['a', 'b', 'c', 'd', 'e'].map((c) => open.fill.get(c))).toEqual([CHOROPLETH[0], CHOROPLETH[0], CHOROPLETH[0], CHOROPLETH[2], CHOROPLETH[4]]);
    // b (3 records) is hidden, and its value plays no part in the classes
    const published = choropleth(stats, 'count', true, String, 'equal');
    expect(published.fill.get('b')).toBe(HIDDEN);
    expect(published.legend.at(-1)).toEqual({ label: 'Fewer than 5 records (hidden)', color: HIDDEN });
  });

  it('label every quantile class with areas in it, starting at the smallest value, when many areas have no records', () => {
    const stats = [0, 0, 0, 0, 0, 0, 1, 2, 3, 4].map((n, i) => area(`a${i}`, n));
    const c = choropleth(stats, 'count', false, String);
    expect(c.legend.map((l) => l.label)).toEqual(['0 to 1', '1 to 3', '3 to 4']);
    expect(c.fill.get('a0')).toBe(CHOROPLETH[0]);
    expect(c.fill.get('a9')).toBe(CHOROPLETH[2]);
  });
});

describe('the level in the URL', () => {
  it('reads ward, msoa or lsoa, wards when absent, and ignores anything else with a note', async () => {
    const { parseLevel, levelToSearch } = await import('@/features/places/places-sql');
    expect(parseLevel('')).toEqual({ level: 'ward', problem: null });
    expect(parseLevel('?level=msoa&age=10-17')).toEqual({ level: 'msoa', problem: null });
    expect(parseLevel('?level=LSOA')).toEqual({ level: 'lsoa', problem: null });
    expect(parseLevel('?level=street')).toEqual({ level: 'ward', problem: 'Ignored level=street: not one of district, ward, msoa, lsoa; showing wards.' });
    expect(levelToSearch('lsoa', '?age=10-17&level=msoa')).toBe('?age=10-17&level=lsoa');
    expect(levelToSearch('ward', '?level=msoa')).toBe('');
  });
});
