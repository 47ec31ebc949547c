import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildEvents } from '@/features/sql/run-sql';
import { monthlyCounts } from '@/data/aggregates';
import { NO_FILTERS } from '@/data/filters';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';

// police records are keyed crime_ref|role|person_ref
const POLICE = `crime_ref,role,person_ref,occurred_date,offence_group,lsoa21cd,age,sex,ethnicity
A1,Victim,P1,2024-01-05,Robbery,E01011264,15,M,Black
A2,Suspect,,2024-02-06,Robbery,,16,F,White
A3,Victim,P2,2024-02-07,Robbery,W01000001,17,F,White
A4,Victim,P3,2024-02-08,Robbery,E01035054,17,F,White
`;
// West Yorkshire's LSOA codes as the reference CSV lists them, for numbering them independently of the app
const WY_LSOAS = readFileSync('data/reference/lsoa.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]!);

let t: TestDb;
beforeAll(async () => {
  t = await createLoadedDb();
  await loadBytes(t, 'police.csv', POLICE);
});
afterAll(() => t.db.close());

describe('the events view', () => {
  it('has exactly the contract’s columns, in order, with the contract’s types', async () => {
    const cols = await t.db.query<{ column_name: string; column_type: string }>(`SELECT column_name, column_type FROM (DESCRIBE events)`);
    expect(cols.map((c) => `${c.column_name} ${c.column_type}`)).toEqual([
      'source VARCHAR', 'record_ref VARCHAR', 'person_ref VARCHAR', 'event_date DATE', 'event_month DATE', 'event_hour INTEGER',
      'lsoa21cd VARCHAR', 'msoa21cd VARCHAR', 'ward_code VARCHAR', 'lad24cd VARCHAR', 'in_area BOOLEAN', 'latitude DOUBLE', 'longitude DOUBLE',
      'age INTEGER', 'age_band VARCHAR', 'sex VARCHAR', 'ethnicity VARCHAR', 'weapon VARCHAR', 'category VARCHAR', 'role VARCHAR',
    ]);
    expect(await t.db.query(`SELECT source, record_ref, sex, role, age_band FROM events ORDER BY record_ref`)).toEqual([
      { source: 'police', record_ref: 'A1|Victim|P1', sex: 'Male', role: 'Victim', age_band: '10-17' },
      { source: 'police', record_ref: 'A2|Suspect|', sex: 'Female', role: 'Suspect', age_band: '10-17' },
      { source: 'police', record_ref: 'A3|Victim|P2', sex: 'Female', role: 'Victim', age_band: '10-17' },
      { source: 'police', record_ref: 'A4|Victim|P3', sex: 'Female', role: 'Victim', age_band: '10-17' },
    ]);
  });

  it('links children by a hash of person_ref, NULL when there is none', async () => {
    const rows = await t.db.query<{ record_ref: string; same: boolean | null }>(
      `SELECT record_ref, pid = hash(person_ref) AS same FROM _events_store ORDER BY record_ref`,
    );
    expect(rows).toEqual([
      { record_ref: 'A1|Victim|P1', same: true },
      { record_ref: 'A2|Suspect|', same: null },
      { record_ref: 'A3|Victim|P2', same: true },
      { record_ref: 'A4|Victim|P3', same: true },
    ]);
  });

  it('gives each event its district when its place is in West Yorkshire, and says whether it is in Leeds', async () => {
    expect(await t.db.query(`SELECT record_ref, lad24cd, in_area FROM events ORDER BY record_ref`)).toEqual([
      { record_ref: 'A1|Victim|P1', lad24cd: 'E08000035', in_area: true },
      { record_ref: 'A2|Suspect|', lad24cd: null, in_area: null },
      { record_ref: 'A3|Victim|P2', lad24cd: null, in_area: false },
      { record_ref: 'A4|Victim|P3', lad24cd: 'E08000035', in_area: true },
    ]);
  });

  it('numbers each event’s West Yorkshire LSOA by its place in code order, and no other', async () => {
    const sorted = [...WY_LSOAS].sort();
    expect(sorted).toHaveLength(1404);
    // Bradford's codes come first; Leeds's first code and its last, one in Wales, and none
    const rank = (code: string) => sorted.indexOf(code) + 1;
    expect(sorted[0]).toBe('E01010568');
    expect(rank('E01011264')).toBeGreaterThan(1);
    expect(await t.db.query(`SELECT record_ref, lsoa_ix FROM _events_store ORDER BY record_ref`)).toEqual([
      { record_ref: 'A1|Victim|P1', lsoa_ix: rank('E01011264') },
      { record_ref: 'A2|Suspect|', lsoa_ix: null },
      { record_ref: 'A3|Victim|P2', lsoa_ix: null },
      { record_ref: 'A4|Victim|P3', lsoa_ix: rank('E01035054') },
    ]);
  });

  it('takes a console change to an LSOA’s ward into the events and the figures by ward when rebuilt', async () => {
    const wards = async () => (await monthlyCounts(t.db, NO_FILTERS, 'ward_code')).filter((r) => r.key !== 'Unknown').map((r) => [r.month, r.key, r.n]);
    // A1 (Jan) in E01011264, Otley & Yeadon; A4 (Feb) in E01035054, which the test moves to Otley too
    const ward = (await t.db.query<{ ward: string }>(`SELECT ward_code AS ward FROM ref_lsoa WHERE lsoa21cd = 'E01035054'`))[0]?.ward;
    expect(ward).not.toBe('E05011549');
    await t.db.exec(`UPDATE ref_lsoa SET ward_code = 'E05011549' WHERE lsoa21cd = 'E01035054'`);
    expect(await rebuildEvents(t.db)).toBeNull();
    expect(await wards()).toEqual([['2024-01', 'E05011549', 1], ['2024-02', 'E05011549', 1]]);
    expect(await t.db.query(`SELECT ward_code FROM events WHERE record_ref LIKE 'A4|%'`)).toEqual([{ ward_code: 'E05011549' }]);
    await t.db.exec(`UPDATE ref_lsoa SET ward_code = '${ward}' WHERE lsoa21cd = 'E01035054'`);
    expect(await rebuildEvents(t.db)).toBeNull();
    expect(await wards()).toEqual([['2024-01', 'E05011549', 1], ['2024-02', ward, 1]]);
  });

  it('refuses a console change outside the vocabulary in the source table itself', async () => {
    await expect(t.db.exec(`UPDATE police SET sex = 'male' WHERE record_ref LIKE 'A1|%'`)).rejects.toThrow(/male/);
    expect(await t.db.query(`SELECT sex FROM police WHERE record_ref LIKE 'A1|%'`)).toEqual([{ sex: 'Male' }]);
  });

  it('after a console change the events cannot be made from, says why and keeps the stored events', async () => {
    await t.db.exec(`ALTER TABLE police RENAME COLUMN sex TO gender`);
    const problem = await rebuildEvents(t.db);
    expect(problem).toMatch(/sex/);
    // the stored events are as before, and the database is not left inside a failed transaction
    expect(await t.db.query(`SELECT sex FROM events WHERE record_ref LIKE 'A1|%'`)).toEqual([{ sex: 'Male' }]);
    await t.db.exec(`ALTER TABLE police RENAME COLUMN gender TO sex`);
    await t.db.exec(`UPDATE police SET sex = 'Female' WHERE record_ref LIKE 'A1|%'`);
    expect(await rebuildEvents(t.db)).toBeNull();
    expect(await t.db.query(`SELECT sex FROM events WHERE record_ref LIKE 'A1|%'`)).toEqual([{ sex: 'Female' }]);
  });
});
