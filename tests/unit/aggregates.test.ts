import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childrenAffectedSql, dataSpan, firstTimeEntrantsSql, monthlyCounts, residentPopulation, runMonthly, weekHourCounts } from '@/data/aggregates';
import { NO_FILTERS } from '@/data/filters';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';

// Six police rows and three YJS rows, small enough to count by hand.
const POLICE = `crime_ref,role,person_ref,occurred_date,offence_group,weapon,lsoa21cd,age,sex,ethnicity
A1,Victim,P1,2024-01-05 14:00,Robbery,knife,E01011264,15,M,Black
A1,Suspect,P2,2024-01-05 14:00,Robbery,,E01011264,17,M,White
A2,Victim,P1,2024-01-20,Robbery,,E01011265,15,M,Black
A3,Victim,,2024-01-21 23:30,Violence with injury,knife,,16,F,Asian
A4,Victim,P3,2024-02-02 09:15,Violence with injury,,W01000001,30,F,White
A5,Victim,,2024-02-03,Robbery,,,12,F,Not stated
`;
const YJS = `yjs_ref,person_ref,offence_date,offence_type,age,sex,ethnicity,first_time_entrant
Y1,P1,2024-01-05,Robbery,15,M,Black,yes
Y2,P2,2024-01-05,Robbery,17,M,White,no
Y3,P4,2024-02-10,Violence against the person,14,F,Black,Y
`;

let t: TestDb;
beforeAll(async () => {
  t = await createLoadedDb();
  await loadBytes(t, 'police.csv', POLICE);
  await loadBytes(t, 'yjs.csv', YJS);
});
afterAll(() => t.db.close());

describe('monthly counts', () => {
  it('by source, with the in-area numerator leaving out the record placed in Wales', async () => {
    expect(await monthlyCounts(t.db, NO_FILTERS, 'source')).toEqual([
      { month: '2024-01', key: 'police', n: 4, n_in_area: 4 },
      { month: '2024-01', key: 'yjs', n: 2, n_in_area: 2 },
      { month: '2024-02', key: 'police', n: 2, n_in_area: 1 },
      { month: '2024-02', key: 'yjs', n: 1, n_in_area: 1 },
    ]);
  });

  it('of the ages of a rate’s residents: only records of people aged 0–15, or 16–24 (no age: neither)', async () => {
    // 0–15: Jan A1 victim (15), A2 (15), Y1 (15); Feb A5 (12, no place: not known to be outside), Y3 (14)
    expect(await monthlyCounts(t.db, NO_FILTERS, 'source', '0-15')).toEqual([
      { month: '2024-01', key: 'police', n: 2, n_in_area: 2 },
      { month: '2024-01', key: 'yjs', n: 1, n_in_area: 1 },
      { month: '2024-02', key: 'police', n: 1, n_in_area: 1 },
      { month: '2024-02', key: 'yjs', n: 1, n_in_area: 1 },
    ]);
    // 16–24: Jan A1 suspect (17), A3 (16), Y2 (17); A4 (30) is neither
    expect(await monthlyCounts(t.db, NO_FILTERS, 'source', '16-24')).toEqual([
      { month: '2024-01', key: 'police', n: 2, n_in_area: 2 },
      { month: '2024-01', key: 'yjs', n: 1, n_in_area: 1 },
    ]);
  });

  it('by a dimension under filters, unknown values named', async () => {
    expect(await monthlyCounts(t.db, { ...NO_FILTERS, sources: ['police'] }, 'ethnicity')).toEqual([
      { month: '2024-01', key: 'Asian', n: 1, n_in_area: 1 },
      { month: '2024-01', key: 'Black', n: 2, n_in_area: 2 },
      { month: '2024-01', key: 'White', n: 1, n_in_area: 1 },
      { month: '2024-02', key: 'Not recorded', n: 1, n_in_area: 1 },
      { month: '2024-02', key: 'White', n: 1, n_in_area: 0 },
    ]);
  });
});

describe('monthly counts by area', () => {
  it('by ward: records without a Leeds LSOA (none given, in Wales, or YJS with no place) as Unknown', async () => {
    // E01011264 is in Otley & Yeadon (E05011549), E01011265 in Guiseley & Rawdon (E05011395)
    expect(await monthlyCounts(t.db, NO_FILTERS, 'ward_code')).toEqual([
      { month: '2024-01', key: 'E05011395', n: 1, n_in_area: 1 },
      { month: '2024-01', key: 'E05011549', n: 2, n_in_area: 2 },
      { month: '2024-01', key: 'Unknown', n: 3, n_in_area: 3 },
      { month: '2024-02', key: 'Unknown', n: 3, n_in_area: 2 },
    ]);
  });

  it('by MSOA, under filters', async () => {
    expect(await monthlyCounts(t.db, { ...NO_FILTERS, sources: ['police'], sex: ['Male'] }, 'msoa21cd')).toEqual([
      { month: '2024-01', key: 'E02002338', n: 1, n_in_area: 1 },
      { month: '2024-01', key: 'E02002340', n: 2, n_in_area: 2 },
    ]);
    expect(await monthlyCounts(t.db, { ...NO_FILTERS, sources: ['police'], sex: ['Female'] }, 'msoa21cd')).toEqual([
      { month: '2024-01', key: 'Unknown', n: 1, n_in_area: 1 },
      { month: '2024-02', key: 'Unknown', n: 2, n_in_area: 1 },
    ]);
  });
});

describe('children affected and first-time entrants', () => {
  it('count each child once a month, and each unlinked record once', async () => {
    // Jan: P1 (three records), P2 (two) and A3 with no person_ref = 3. Feb: A5 unlinked and P4 = 2 (A4 is 30)
    expect((await runMonthly(t.db, childrenAffectedSql(NO_FILTERS))).map((r) => [r.month, r.n])).toEqual([['2024-01', 3], ['2024-02', 2]]);
    expect((await runMonthly(t.db, childrenAffectedSql({ ...NO_FILTERS, sex: ['Female'] }))).map((r) => [r.month, r.n])).toEqual([['2024-01', 1], ['2024-02', 2]]);
  });

  it('first-time entrants are YJS children flagged so, by month of offence', async () => {
    expect((await runMonthly(t.db, firstTimeEntrantsSql(NO_FILTERS))).map((r) => [r.month, r.n])).toEqual([['2024-01', 1], ['2024-02', 1]]);
    expect((await runMonthly(t.db, firstTimeEntrantsSql({ ...NO_FILTERS, sex: ['Male'] }))).map((r) => [r.month, r.n])).toEqual([['2024-01', 1]]);
  });
});

describe('the span of the data, populations and hours', () => {
  it('takes Jan 2024 as the latest complete month when February ends on the 10th', async () => {
    expect(await dataSpan(t.db)).toEqual({ first: '2024-01', last: '2024-02', latestComplete: '2024-01' });
  });

  it('names the population of the region or of the filtered area', async () => {
    // Census 2021 by district (data/reference/district.csv): Bradford 546,433, Calderdale 206,626,
    // Kirklees 433,166, Leeds 811,927, Wakefield 353,343
    expect(await residentPopulation(t.db, null, 'leeds')).toEqual({ population: 811_927, label: 'Leeds residents, all ages (Census 2021)' });
    expect(await residentPopulation(t.db, null, 'wy')).toEqual({ population: 2_351_495, label: 'West Yorkshire residents, all ages (Census 2021)' });
    expect(await residentPopulation(t.db, 'E08000032', 'wy')).toEqual({ population: 546_433, label: 'residents of Bradford, all ages (Census 2021)' });
    expect(await residentPopulation(t.db, 'E01011264', 'leeds')).toEqual({ population: 1286, label: 'residents of Leeds 011A, all ages (Census 2021)' });
    // young residents: Leeds 153,474 aged 0–15 and 113,371 aged 16–24; Leeds 011A 179 and 97
    expect(await residentPopulation(t.db, null, 'leeds', '0-15')).toEqual({ population: 153_474, label: 'Leeds residents, aged 0–15 (Census 2021)' });
    expect(await residentPopulation(t.db, null, 'leeds', '16-24')).toEqual({ population: 113_371, label: 'Leeds residents, aged 16–24 (Census 2021)' });
    expect(await residentPopulation(t.db, 'E01011264', 'wy', '0-15')).toEqual({ population: 179, label: 'residents of Leeds 011A, aged 0–15 (Census 2021)' });
  });

  it('puts records in their weekday and hour, and counts the ones with no hour', async () => {
    // Fri 5 Jan 14:00 twice, Sun 21 Jan 23:30, Fri 2 Feb 09:15; A2, A5 and the YJS rows have no time
    expect(await weekHourCounts(t.db, NO_FILTERS)).toEqual({
      cells: [
        { dow: 5, hour: 9, n: 1 },
        { dow: 5, hour: 14, n: 2 },
        { dow: 7, hour: 23, n: 1 },
      ],
      unknownHour: 5,
    });
  });
});
