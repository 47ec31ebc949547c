import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denominatorsFor, parseDenominators, saveDenominators, clearDenominators } from '@/data/denominators';
import { NO_FILTERS } from '@/data/filters';
import { cohortSql, groupCountsSql, type CohortRow, type GroupCount } from '@/features/disproportionality/group-queries';
import { ethnicityFigures, sumBySource } from '@/features/disproportionality/ethnicity-rates';
import { rollingRriTable } from '@/features/disproportionality/rolling-rri';
import { monthSpine } from '@/lib/months';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';

const POLICE = `crime_ref,role,person_ref,occurred_date,offence_group,lsoa21cd,age,sex,ethnicity
A1,Victim,P1,2024-01-05,Robbery,E01011264,15,M,Black
A2,Victim,P2,2024-01-06,Robbery,E01011264,16,M,Black
A3,Victim,P3,2024-01-07,Robbery,W01000001,16,M,Black
A4,Victim,P4,2024-01-08,Robbery,,17,F,White
A5,Victim,P5,2024-01-09,Robbery,,17,F,White
A6,Victim,P6,2024-01-10,Robbery,,14,F,
`;
const YJS = `yjs_ref,person_ref,offence_date,offence_type,age,sex,ethnicity,send,ehcp,looked_after,first_time_entrant,exploitation_concern
Y1,P1,2024-01-05,Robbery,15,M,Black,Y,N,N,Y,N
Y2,P1,2024-03-05,Robbery,15,M,Black,N,Y,N,N,N
Y3,P2,2024-02-05,Robbery,16,M,White,N,N,Y,Y,Y
Y4,P4,2024-02-07,Robbery,17,F,White,Y,Y,N,Y,N
`;

let t: TestDb;
beforeAll(async () => {
  t = await createLoadedDb();
  await loadBytes(t, 'police.csv', POLICE);
  await loadBytes(t, 'yjs.csv', YJS);
});
afterAll(() => t.db.close());

describe('counts by group', () => {
  it('count every record, and leave the one placed in Wales out of the rate numerator', async () => {
    const q = groupCountsSql({ ...NO_FILTERS, sources: ['police'] });
    const all = await t.db.query<GroupCount & { dim: string } & Record<string, string | number>>(q.sql, q.params);
    const of = (dim: string) => all.filter((r) => r.dim === dim).map(({ dim: _, ...r }) => r);
    // the same six records by sex (A1–A3 male, A3 in Wales) and by age band (all 14–17)
    expect(of('sex')).toEqual([
      { source: 'police', grp: 'Female', n: 3, n_in_area: 3 },
      { source: 'police', grp: 'Male', n: 3, n_in_area: 2 },
    ]);
    expect(of('age_band')).toEqual([{ source: 'police', grp: '10-17', n: 6, n_in_area: 5 }]);
    const rows = of('ethnicity');
    expect(rows).toEqual([
      { source: 'police', grp: 'Black', n: 3, n_in_area: 2 },
      { source: 'police', grp: 'Not recorded', n: 1, n_in_area: 1 },
      { source: 'police', grp: 'White', n: 2, n_in_area: 2 },
    ]);
    // A3 alone (its Welsh LSOA as the area): counted, with a numerator of 0, not missing
    const wales = groupCountsSql({ ...NO_FILTERS, area: 'W01000001' });
    expect(await t.db.query(wales.sql, wales.params)).toEqual([
      { dim: 'age_band', source: 'police', grp: '10-17', n: 1, n_in_area: 0 },
      { dim: 'ethnicity', source: 'police', grp: 'Black', n: 1, n_in_area: 0 },
      { dim: 'sex', source: 'police', grp: 'Male', n: 1, n_in_area: 0 },
    ]);
    // Black 2 of 1,000, White 2 of 4,000: RRI 4; not recorded 1 of 6 records
    const f = ethnicityFigures(sumBySource(rows, 'police'), { Asian: 500, Black: 1000, Mixed: 100, White: 4000, Other: 100 });
    const black = f.rows.find((r) => r.group === 'Black')!;
    expect(black.rate).toBe(2);
    expect(black.rri!.rri).toBeCloseTo(4, 10);
    // if the one not-recorded record were White: (2/1000) / (3/4000) = 2.667
    expect(black.rriIfWhite).toBeCloseTo(8 / 3, 10);
    expect(f.notRecordedShare).toBeCloseTo(1 / 6, 10);
    // Asian has no records: 0.5 added to both counts, (0.5/500) / (2.5/4000) = 1.6
    expect(f.rows.find((r) => r.group === 'Asian')!.rri).toMatchObject({ corrected: true, excludesOne: false });
    expect(f.rows.find((r) => r.group === 'Asian')!.rri!.rri).toBeCloseTo(1.6, 10);
  });
});

describe('the YJS cohort', () => {
  it('counts each child once, by their latest record, flagged when any record is', async () => {
    const q = cohortSql(NO_FILTERS);
    const rows = await t.db.query<CohortRow & Record<string, string | number>>(q.sql, q.params);
    // P1: two records (SEND on one, EHCP on the other), Black; P2 White male looked after, exploited; P4 White female
    expect(rows).toEqual([
      { grouping_by: 'all', grp: 'All children', children: 3, send: 2, ehcp: 2, looked_after: 1, exploitation_concern: 1, first_time_entrant: 3 },
      { grouping_by: 'ethnicity', grp: 'Black', children: 1, send: 1, ehcp: 1, looked_after: 0, exploitation_concern: 0, first_time_entrant: 1 },
      { grouping_by: 'ethnicity', grp: 'White', children: 2, send: 1, ehcp: 1, looked_after: 1, exploitation_concern: 1, first_time_entrant: 2 },
      { grouping_by: 'sex', grp: 'Female', children: 1, send: 1, ehcp: 1, looked_after: 0, exploitation_concern: 0, first_time_entrant: 1 },
      { grouping_by: 'sex', grp: 'Male', children: 2, send: 1, ehcp: 1, looked_after: 1, exploitation_concern: 1, first_time_entrant: 2 },
    ]);
  });
});

describe('denominator tables', () => {
  it('are read with groups mapped like ethnicity, and every problem named by line and column', () => {
    expect(parseDenominators('Ethnicity,Population\nWhite,1000\nBlack or Black British,"2,500"\n').rows).toEqual([
      { group: 'White', population: 1000, area: null, age_band: null },
      { group: 'Black', population: 2500, area: null, age_band: null },
    ]);
    expect(parseDenominators('group,population\nWhite,many\nMartian,5\nBlack,-3\n').problems).toEqual([
      { line: 2, column: 'population', message: '“many” is not a population (a number of people, 0 or more).' },
      { line: 3, column: 'group', message: '“Martian” is not one of Asian, Black, Mixed, White, Other.' },
      { line: 4, column: 'population', message: '“-3” is not a population (a number of people, 0 or more).' },
    ]);
    expect(parseDenominators('group,people\nWhite,5\n').problems).toEqual([{ line: 1, column: 'population', message: 'No population column.' }]);
    expect(parseDenominators('group,population\nBlack,5\n').problems[0]!.message).toMatch(/no White row/);
  });

  it('replace the Census populations, by area and age band where they have them', async () => {
    expect((await denominatorsFor(t.db, null, [], 'leeds')).label).toBe('Census 2021, residents of Leeds of all ages');
    const { rows } = parseDenominators('group,population,area,age_band\nWhite,100,E05011549,10-17\nWhite,50,E05011549,0-9\nBlack,40,E05011549,10-17\nWhite,900,,10-17\nBlack,90,,10-17\n');
    await saveDenominators(t.db, rows, 'school-age.csv');
    const ward = await denominatorsFor(t.db, 'E05011549', ['10-17'], 'leeds');
    expect(ward).toMatchObject({ label: 'your denominator table (school-age.csv)', caveat: null, userLoaded: true });
    expect(ward.populations).toMatchObject({ White: 100, Black: 40, Asian: 0 });
    // Leeds-wide: the rows with no area
    expect((await denominatorsFor(t.db, null, [], 'leeds')).populations).toMatchObject({ White: 900, Black: 90 });
    // an area the table lacks falls back to its Leeds-wide rows, and says so
    const other = await denominatorsFor(t.db, 'E05011384', [], 'leeds');
    expect(other.caveat).toMatch(/no rows for the filtered area/);
    await clearDenominators(t.db);
    expect((await denominatorsFor(t.db, null, [], 'leeds')).populations.White).toBe(641798);
  });

  it('take a user table’s rows for a district, and name a code that is no area as the problem', async () => {
    const { rows } = parseDenominators('group,population,lad24cd\nWhite,300000,E08000032\nBlack,9000,E08000032\n');
    expect(rows).toEqual([
      { group: 'White', population: 300000, area: 'E08000032', age_band: null },
      { group: 'Black', population: 9000, area: 'E08000032', age_band: null },
    ]);
    await saveDenominators(t.db, rows, 'districts.csv');
    expect((await denominatorsFor(t.db, 'E08000032', [], 'wy')).populations).toMatchObject({ White: 300000, Black: 9000 });
    await clearDenominators(t.db);
    expect(parseDenominators('group,population,area\nWhite,5,Bradford\n').problems).toEqual([
      { line: 2, column: 'area', message: '“Bradford” is not an LSOA, MSOA, ward or district code.' },
    ]);
  });

  it('take the Census populations of the filtered area, or of the region, from its LSOAs (TS021)', async () => {
    // sums of data/reference/lsoa-ethnicity.csv over the area's LSOAs
    expect(await denominatorsFor(t.db, 'E05011549', [], 'leeds')).toEqual({
      populations: { Asian: 323, Black: 119, Mixed: 403, White: 22066, Other: 61 },
      label: 'Census 2021, residents of Otley & Yeadon of all ages',
      caveat: null,
      userLoaded: false,
    });
    expect((await denominatorsFor(t.db, null, [], 'wy')).populations).toEqual({ Asian: 372719, Black: 72299, Mixed: 64963, White: 1801314, Other: 40290 });
    const bradford = await denominatorsFor(t.db, 'E08000032', ['10-17'], 'wy');
    expect(bradford.populations).toEqual({ Asian: 175659, Black: 11006, Mixed: 14993, White: 334007, Other: 10768 });
    expect(bradford.label).toBe('Census 2021, residents of Bradford of all ages');
    expect(bradford.caveat).toMatch(/for all ages/);
    // Bradford is not in Leeds: no residents, and the page is told why
    const outside = await denominatorsFor(t.db, 'E08000032', [], 'leeds');
    expect(outside.populations.White).toBe(0);
    expect(outside.caveat).toMatch(/no residents for E08000032 in Leeds/);
  });
});

describe('RRI on rolling 12-month windows', () => {
  it('starts at the 12th month and sums each window', () => {
    const months = monthSpine('2024-01', '2025-01');
    // Black: 1 a month; White: 2 a month; populations 1,000 and 4,000 → RRI (12/1000)/(24/4000) = 2.
    // Jan 2025 adds a 13th month: the window Feb 2024–Jan 2025 has Black 12 + 11 extra in Jan 2025 = 23
    const rows = months.flatMap((month, i) => [
      { month, key: 'Black', n: 0, n_in_area: i === 12 ? 12 : 1 },
      { month, key: 'White', n: 0, n_in_area: 2 },
    ]);
    const table = rollingRriTable(rows, '2024-01', '2025-01', { Asian: 1, Black: 1000, Mixed: 1, White: 4000, Other: 1 });
    expect(table.rows.map((r) => [r.month, r.Black, r.Black_n, r.White_n])).toEqual([
      ['Dec 2024', 2, 12, 24],
      ['Jan 2025', (23 / 1000) / (24 / 4000), 23, 24],
    ]);
  });
});
