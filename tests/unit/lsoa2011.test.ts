import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';
import { setRegionSql } from '@/data/schema';

// Police records placed by LSOA codes of 2011 (ONS's 2011 → 2021 lookup, data/reference/lsoa11-changed.csv):
const POLICE = `crime_ref,role,person_ref,occurred_date,offence_group,lsoa21cd
C1,Victim,P1,2024-01-05,Robbery,E01033018
C2,Victim,P2,2024-01-06,Robbery,E01032945
C3,Victim,P3,2024-01-07,Robbery,E01010677
C4,Victim,P4,2024-01-08,Robbery,E01011171
C5,Victim,P5,2024-01-09,Robbery,E01011264
C6,Victim,P6,2024-01-10,Robbery,e01033019
`;
// C1: Leeds 112D, merged into Leeds 112F (E01035054) with Leeds 112E (C6, in lower case)
// C2: Leeds 044F, split into Leeds 044G and 044H, both in ward E05011397: in Leeds, in that ward, in no LSOA
// C3: Bradford 030C, split into Bradford 030E and 030F, both in ward E05001352 (Bradford): outside Leeds
// C4: Kirklees 053C, merged into Kirklees 053G (E01034588, ward E05008561): outside Leeds, in Kirklees
// C5: an LSOA whose code did not change

let t: TestDb;
beforeAll(async () => {
  t = await createLoadedDb();
});
afterAll(() => t.db.close());

describe('LSOA codes of 2011', () => {
  it('a merged code becomes its 2021 LSOA, a split one keeps its district and ward, and each split is a warning', async () => {
    const report = await loadBytes(t, 'police-2011.csv', POLICE);
    expect([report.rowsRead, report.rowsLoaded, report.rowsRejected]).toEqual([6, 6, 0]);
    const rows = await t.db.query<{ record_ref: string; lsoa21cd: string | null; in_area: boolean | null; ward_code: string | null; lad24cd: string | null }>(
      `SELECT split_part(record_ref, '|', 1) AS record_ref, lsoa21cd, in_area, ward_code, lad24cd FROM events ORDER BY 1`,
    );
    const [ward112F] = await t.db.query<{ ward_code: string }>(`SELECT ward_code FROM ref_lsoa WHERE lsoa21cd = 'E01035054'`);
    const leeds = 'E08000035';
    expect(rows).toEqual([
      { record_ref: 'C1', lsoa21cd: 'E01035054', in_area: true, ward_code: ward112F!.ward_code, lad24cd: leeds },
      { record_ref: 'C2', lsoa21cd: null, in_area: true, ward_code: 'E05011397', lad24cd: leeds },
      { record_ref: 'C3', lsoa21cd: null, in_area: false, ward_code: 'E05001352', lad24cd: 'E08000032' },
      { record_ref: 'C4', lsoa21cd: 'E01034588', in_area: false, ward_code: 'E05008561', lad24cd: 'E08000034' },
      { record_ref: 'C5', lsoa21cd: 'E01011264', in_area: true, ward_code: 'E05011549', lad24cd: leeds },
      { record_ref: 'C6', lsoa21cd: 'E01035054', in_area: true, ward_code: ward112F!.ward_code, lad24cd: leeds },
    ]);
    const split = report.warnings.find((w) => w.kind.startsWith('LSOA code of 2011 split'));
    expect(split).toEqual({ kind: 'LSOA code of 2011 split into several in 2021 (kept in its district, in no LSOA)', count: 2, firstLine: 3, example: 'E01032945' });
    // C3 and C4 are places outside Leeds, elsewhere in West Yorkshire
    expect(report.warnings.find((w) => w.kind.startsWith('place outside Leeds, elsewhere in West Yorkshire'))).toMatchObject({ count: 2, firstLine: 4 });
    expect(report.warnings.find((w) => w.kind.startsWith('place outside West Yorkshire'))).toBeUndefined();
  });

  it('in_area follows the region the SQL console sets: across West Yorkshire, Bradford and Kirklees are in the area', async () => {
    const inArea = async () =>
      (await t.db.query<{ r: string; in_area: boolean | null }>(`SELECT split_part(record_ref, '|', 1) AS r, in_area FROM events ORDER BY 1`)).map((x) => x.in_area);
    await t.db.exec(setRegionSql('wy'));
    expect(await inArea()).toEqual([true, true, true, true, true, true]);
    await t.db.exec(setRegionSql('leeds'));
    expect(await inArea()).toEqual([true, true, false, false, true, true]);
    expect(() => setRegionSql("wy'; DROP TABLE police; --" as 'wy')).toThrow('Not a region');
  });
});

describe('the codes written into the statement', () => {
  it('must be area codes', async () => {
    const { fieldsSql } = await import('@/data/ingest/pipeline-sql');
    const { mapColumns } = await import('@/data/ingest/contracts');
    const mapping = mapColumns('police', ['crime_ref', 'role', 'occurred_date', 'offence_group', 'lsoa21cd']);
    const split = { lsoa11cd: 'E01032945', change: 'split', lsoa21cd: null, ward_code: 'E05011397', lad_code: 'E08000035' } as const;
    expect(() => fieldsSql('police', mapping, [{ ...split, lsoa11cd: "E01' OR true --" }])).toThrow('Not an area code');
    expect(() => fieldsSql('police', mapping, [{ ...split, ward_code: "E05' OR true --" }])).toThrow('Not an area code');
    expect(fieldsSql('police', mapping, [split])).toContain("WHEN 'E01032945' THEN 'E08000035'");
  });
});

describe('figures by ward and district', () => {
  it('count a split code in the ward and the district it kept, as the events have them', async () => {
    const { areaCountsSql, areaWindowSql } = await import('@/features/places/places-sql');
    const { monthlyCounts } = await import('@/data/aggregates');
    const { NO_FILTERS } = await import('@/data/filters');
    const run = async (q: { sql: string; params: unknown[] }) => t.db.query<{ code: string; n?: number; last12?: number }>(q.sql, q.params as never[]);
    // ward E05011397 has C2 (Leeds 044F, split, no LSOA) and no other record of the file
    const [c2Ward] = (await run(areaCountsSql(NO_FILTERS, 'ward'))).filter((r) => r.code === 'E05011397');
    expect(c2Ward).toMatchObject({ n: 1 });
    expect((await run(areaWindowSql(NO_FILTERS, 'ward', '2024-12'))).find((r) => r.code === 'E05011397')).toMatchObject({ last12: 1 });
    // across West Yorkshire, C3 (Bradford 030C, split) is in ward E05001352 and in Bradford, with C4's Kirklees beside it
    const wy = { ...NO_FILTERS, region: 'wy' as const };
    expect((await run(areaCountsSql(wy, 'ward'))).find((r) => r.code === 'E05001352')).toMatchObject({ n: 1 });
    expect((await run(areaCountsSql(wy, 'district'))).map((r) => [r.code, r.n])).toEqual([
      ['E08000032', 1],
      ['E08000033', 0],
      ['E08000034', 1],
      ['E08000035', 4],
      ['E08000036', 0],
    ]);
    // the monthly figures by ward name the split code's ward in its region, Unknown outside it
    const wards = async (f: typeof NO_FILTERS) => (await monthlyCounts(t.db, f, 'ward_code')).map((r) => [r.key, r.n]);
    expect(await wards(NO_FILTERS)).toContainEqual(['E05011397', 1]);
    expect(await wards(NO_FILTERS)).not.toContainEqual(['E05001352', 1]);
    expect(await wards(wy)).toContainEqual(['E05001352', 1]);
  });
});

describe('the Partnership view’s wards', () => {
  it('count a child victim placed by a split code in the ward the code kept', async () => {
    const { missedReferralsSql } = await import('@/features/partnership/partnership-sql');
    const { NO_FILTERS } = await import('@/data/filters');
    // M1: a 15-year-old victim at Leeds 044F (split, both pieces in ward E05011397), no PPN
    await loadBytes(t, 'police-2011-child.csv', 'crime_ref,role,person_ref,occurred_date,offence_group,lsoa21cd,age,ppn_submitted\nM1,Victim,Q1,2024-02-01,Robbery,E01032945,15,N\n');
    const q = missedReferralsSql(NO_FILTERS);
    const rows = await t.db.query<{ per: string; key: string; victims: number; missed: number }>(q.sql, q.params as never[]);
    expect(rows.filter((r) => r.per === 'ward')).toEqual([{ per: 'ward', key: 'E05011397', victims: 1, submitted: 0, missed: 1, unknown: 0 }]);
  });
});
