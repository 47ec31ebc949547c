import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_FILTERS } from '@/data/filters';
import { completeness, worstGaps, type CompletenessRow } from '@/features/quality/completeness';
import { completenessSql } from '@/features/quality/quality-sql';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';

const POLICE = `crime_ref,role,person_ref,occurred_date,offence_group,lsoa21cd,age,sex,ethnicity,ppn_submitted
C1,Victim,P1,2024-01-10,Robbery,E01011264,15,M,Black,Y
C2,Victim,P2,2024-03-01,Robbery,E01011264,16,F,White,N
C3,Suspect,P3,2024-06-01 10:00,Robbery,,17,M,White,
C4,Victim,,2024-06-15,Robbery,,14,F,,
`;

let t: TestDb;
beforeAll(async () => {
  t = await createLoadedDb();
  await loadBytes(t, 'police.csv', POLICE);
});
afterAll(() => t.db.close());

describe('completeness', () => {
  it('counts filled fields per source and month, PPN among police child victims only', async () => {
    const q = completenessSql(NO_FILTERS);
    const rows = await t.db.query<CompletenessRow & Record<string, string | number>>(q.sql, q.params);
    expect(rows.find((r) => r.month === '2024-06')).toEqual({ source: 'police', month: '2024-06', n: 2, ethnicity: 1, place: 0, time: 1, person: 1, ppn_n: 1, ppn: 0 });
    const items = completeness(rows);
    const get = (field: string) => items.find((i) => i.field === field)!;
    // ethnicity 3 of 4; place 2 of 4 (C1, C2); time 1 of 4 (C3); person 3 of 4; PPN 2 of 3 victims under 18 (C4 blank)
    expect([get('ethnicity').overall, get('place').overall, get('time').overall, get('person').overall, get('ppn').overall]).toEqual([0.75, 0.5, 0.25, 0.75, 2 / 3]);
    expect(get('place').byMonth.get('2024-06')).toBe(0);
    expect(worstGaps(items).map((g) => g.field)).toEqual(['time', 'place', 'ppn', 'ethnicity', 'person']);
  });
});
