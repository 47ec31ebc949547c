import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';

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
// C2: Leeds 044F, split into Leeds 044G and 044H: in Leeds, in no LSOA
// C3: Bradford 030C, split: outside Leeds, in no LSOA
// C4: Kirklees 053C, merged into Kirklees 053G (E01034588): outside Leeds
// C5: an LSOA whose code did not change

let t: TestDb;
beforeAll(async () => {
  t = await createLoadedDb();
});
afterAll(() => t.db.close());

describe('LSOA codes of 2011', () => {
  it('a merged code becomes its 2021 LSOA, a split one keeps only whether it is in Leeds, and each split is a warning', async () => {
    const report = await loadBytes(t, 'police-2011.csv', POLICE);
    expect([report.rowsRead, report.rowsLoaded, report.rowsRejected]).toEqual([6, 6, 0]);
    const rows = await t.db.query<{ record_ref: string; lsoa21cd: string | null; in_area: boolean | null; ward_code: string | null }>(
      `SELECT split_part(record_ref, '|', 1) AS record_ref, lsoa21cd, in_area, ward_code FROM events ORDER BY 1`,
    );
    const [ward112F] = await t.db.query<{ ward_code: string }>(`SELECT ward_code FROM ref_lsoa WHERE lsoa21cd = 'E01035054'`);
    expect(rows).toEqual([
      { record_ref: 'C1', lsoa21cd: 'E01035054', in_area: true, ward_code: ward112F!.ward_code },
      { record_ref: 'C2', lsoa21cd: null, in_area: true, ward_code: null },
      { record_ref: 'C3', lsoa21cd: null, in_area: false, ward_code: null },
      { record_ref: 'C4', lsoa21cd: 'E01034588', in_area: false, ward_code: null },
      { record_ref: 'C5', lsoa21cd: 'E01011264', in_area: true, ward_code: expect.stringMatching(/^E05/) as unknown as string },
      { record_ref: 'C6', lsoa21cd: 'E01035054', in_area: true, ward_code: ward112F!.ward_code },
    ]);
    const split = report.warnings.find((w) => w.kind.startsWith('LSOA code of 2011 split'));
    expect(split).toEqual({ kind: 'LSOA code of 2011 split into several in 2021 (kept in its district, in no LSOA)', count: 2, firstLine: 3, example: 'E01032945' });
    // C3 and C4 are places outside Leeds, as any code of another district
    expect(report.warnings.find((w) => w.kind.startsWith('place outside Leeds'))).toMatchObject({ count: 2, firstLine: 4 });
  });
});

describe('the codes written into the statement', () => {
  it('must be area codes', async () => {
    const { fieldsSql } = await import('@/data/ingest/pipeline-sql');
    const { mapColumns } = await import('@/data/ingest/contracts');
    const mapping = mapColumns('police', ['crime_ref', 'role', 'occurred_date', 'offence_group', 'lsoa21cd']);
    expect(() => fieldsSql('police', mapping, [{ lsoa11cd: "E01' OR true --", change: 'split', lsoa21cd: null, lad_code: 'E08000035' }])).toThrow('Not an area code');
    expect(fieldsSql('police', mapping, [{ lsoa11cd: 'E01032945', change: 'split', lsoa21cd: null, lad_code: 'E08000035' }])).toContain("lsoa_text IN ('E01032945')");
  });
});
