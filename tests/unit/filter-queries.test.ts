import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areasSql } from '@/data/filter-queries';
import { createLoadedDb, type TestDb } from '../helpers/loaded-db';

let t: TestDb;
beforeAll(async () => {
  t = await createLoadedDb();
});
afterAll(() => t.db.close());

describe('area search options', () => {
  it('lists the 33 wards, 107 MSOAs and 488 LSOAs of Leeds, wards first', async () => {
    const rows = await t.db.query<{ level: string; code: string; name: string }>(areasSql('leeds'));
    expect(rows).toHaveLength(33 + 107 + 488);
    expect(rows[0]).toEqual({ level: 'ward', code: 'E05012841', name: 'Adel & Wharfedale' });
    expect(rows.find((r) => r.code === 'E02002340')).toEqual({ level: 'msoa', code: 'E02002340', name: 'Yeadon East (Leeds 011)' });
    expect(rows.find((r) => r.code === 'E01011264')).toEqual({ level: 'lsoa', code: 'E01011264', name: 'Leeds 011A, Otley & Yeadon' });
  });

  it('lists West Yorkshire’s 5 districts, 124 wards (each naming its district), 301 MSOAs and 1,404 LSOAs', async () => {
    const rows = await t.db.query<{ level: string; code: string; name: string }>(areasSql('wy'));
    expect(rows).toHaveLength(5 + 124 + 301 + 1404);
    expect(rows.slice(0, 5).map((r) => r.name)).toEqual(['Bradford', 'Calderdale', 'Kirklees', 'Leeds', 'Wakefield']);
    expect(rows.find((r) => r.code === 'E05001341')).toEqual({ level: 'ward', code: 'E05001341', name: 'Baildon (Bradford)' });
    expect(rows.find((r) => r.code === 'E02002340')).toEqual({ level: 'msoa', code: 'E02002340', name: 'Yeadon East (Leeds 011)' });
    expect(rows.find((r) => r.code === 'E02002183')).toEqual({ level: 'msoa', code: 'E02002183', name: 'Bradford 001' });
  });
});
