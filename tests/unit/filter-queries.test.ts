import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREAS_SQL } from '@/data/filter-queries';
import { createLoadedDb, type TestDb } from '../helpers/loaded-db';

let t: TestDb;
beforeAll(async () => {
  t = await createLoadedDb();
});
afterAll(() => t.db.close());

describe('area search options', () => {
  it('lists the 33 wards, 107 MSOAs and 488 LSOAs of the reference data, wards first', async () => {
    const rows = await t.db.query<{ level: string; code: string; name: string }>(AREAS_SQL);
    expect(rows).toHaveLength(33 + 107 + 488);
    expect(rows[0]).toEqual({ level: 'ward', code: 'E05012841', name: 'Adel & Wharfedale' });
    expect(rows.find((r) => r.code === 'E02002340')).toEqual({ level: 'msoa', code: 'E02002340', name: 'Yeadon East (Leeds 011)' });
    expect(rows.find((r) => r.code === 'E01011264')).toEqual({ level: 'lsoa', code: 'E01011264', name: 'Leeds 011A, Otley & Yeadon' });
  });
});
