import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';
import { sourceTableDdl } from '@/data/schema';
import { LOAD_STAGES } from '@/data/ingest/load-extract';

let t: TestDb;
beforeAll(async () => {
  t = await createLoadedDb();
});
afterAll(() => t.db.close());

const fixture = readFileSync('tests/fixtures/police-basic.csv');

describe('loading a police extract (tests/fixtures/police-basic.csv, answers worked by hand)', () => {
  it('reports rows read, loaded, rejected with line and reason, and duplicates', async () => {
    const report = await loadBytes(t, 'police-basic.csv', fixture);
    expect(report.source).toBe('police');
    expect(report.rowsRead).toBe(9);
    expect(report.rowsRejected).toBe(4);
    expect(report.rowsDuplicate).toBe(1);
    expect(report.rowsLoaded).toBe(4);
    expect(report.firstRejections).toEqual([
      { line: 5, reason: 'occurred_date is not a valid date: "31/02/2024"' },
      { line: 6, reason: 'crime_ref is blank' },
      { line: 7, reason: 'offence_group is blank' },
      { line: 8, reason: 'occurred_date is after the day the file was loaded' },
    ]);
    const kinds = Object.fromEntries(report.warnings.map((w) => [w.kind, [w.count, w.firstLine, w.example]]));
    expect(kinds).toEqual({
      'unrecognised yes/no value in ppn_submitted': [1, 10, 'maybe'],
      'age not a whole number from 0 to 120': [1, 10, null],
      'occurred_time not a valid time': [1, 10, null],
      'place outside West Yorkshire (kept, not mapped)': [1, 10, 'W01000001'],
      'repeated key in the file (later rows dropped)': [1, 9, 'C1|Victim|P1'],
    });
  });

  it('normalises every field to the contract in the events view', async () => {
    const rows = await t.db.query(
      `SELECT record_ref, person_ref, event_date, event_month, event_hour, lsoa21cd, msoa21cd, ward_code, in_area,
              age, age_band, sex, ethnicity, weapon, category, role
       FROM events WHERE source = 'police' ORDER BY record_ref`,
    );
    expect(rows).toEqual([
      {
        record_ref: 'C1|Suspect|P2', person_ref: 'P2', event_date: '2024-03-05', event_month: '2024-03-01', event_hour: null,
        lsoa21cd: 'E01011264', msoa21cd: 'E02002340', ward_code: 'E05011549', in_area: true,
        age: 17, age_band: '10-17', sex: 'Male', ethnicity: 'White', weapon: 'Unknown', category: 'Violence with injury', role: 'Suspect',
      },
      {
        record_ref: 'C1|Victim|P1', person_ref: 'P1', event_date: '2024-03-05', event_month: '2024-03-01', event_hour: 14,
        lsoa21cd: 'E01011264', msoa21cd: 'E02002340', ward_code: 'E05011549', in_area: true,
        age: 15, age_band: '10-17', sex: 'Male', ethnicity: 'Black', weapon: 'Knife or sharp', category: 'Violence with injury', role: 'Victim',
      },
      {
        record_ref: 'C2|Victim|', person_ref: null, event_date: '2024-06-15', event_month: '2024-06-01', event_hour: 9,
        lsoa21cd: null, msoa21cd: null, ward_code: null, in_area: null,
        age: 22, age_band: '18-24', sex: 'Female', ethnicity: 'Asian', weapon: 'Body', category: 'Robbery', role: 'Victim',
      },
      {
        record_ref: 'C6|Victim|P7', person_ref: 'P7', event_date: '2024-02-02', event_month: '2024-02-01', event_hour: null,
        lsoa21cd: 'W01000001', msoa21cd: null, ward_code: null, in_area: false,
        age: null, age_band: 'Unknown', sex: 'Other', ethnicity: 'Not recorded', weapon: 'Firearm', category: 'Homicide', role: 'Victim',
      },
    ]);
    const ppn = await t.db.query('SELECT record_ref, ppn_submitted FROM police ORDER BY record_ref');
    expect(ppn.map((r) => r.ppn_submitted)).toEqual([null, false, true, null]);
  });

  it('leaves none of its working tables or views (_ld_*) behind', async () => {
    const names = await t.db.query<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views()`);
    expect(names.map((r) => r.name).filter((n) => n.startsWith('_ld_'))).toEqual([]);
  });

  it('loading the same extract again replaces its rows instead of double counting', async () => {
    const stages: string[] = [];
    const done: number[] = [];
    const again = await loadBytes(t, 'police-basic.csv', fixture, {
      onStage: (s) => (stages.push(`${s.step}/${s.steps} ${s.name} ${s.rows}`), done.push(s.done)),
    });
    expect(stages).toEqual(['1/5 Reading the file null', '2/5 Checking values 9', '3/5 Finding places 9', '4/5 Normalising 9', '5/5 Saving 9']);
    // the progress bar starts empty, moves on at every step and never fills before the end
    expect(done[0]).toBe(0);
    expect(done.every((d, i) => i === 0 || d > done[i - 1]!)).toBe(true);
    expect(done.at(-1)).toBeLessThan(1);
    expect(LOAD_STAGES.reduce((sum, x) => sum + x.share, 0)).toBeCloseTo(1, 10);
    expect(again.rowsReplaced).toBe(4);
    expect(await t.db.query(`SELECT count(*) AS n FROM events WHERE source = 'police'`)).toEqual([{ n: 4 }]);
  });
});

describe('categorical values are looked up once per combination', () => {
  let s: TestDb;
  beforeAll(async () => {
    s = await createLoadedDb();
  });
  afterAll(() => s.db.close());

  it('loads each row once when values differ only by spaces or case, and when two fields read one column', async () => {
    // R1 and R2 differ only by the spaces around " Victim ": one combination once trimmed
    const file = 'crime_ref,role,occurred_date,offence_group,sex,ppn\nR1,Victim,2024-01-01,Robbery,M,Y\nR2," Victim ",2024-01-01,Robbery,M,Y\nR3,victim,2024-01-01,ROBBERY,m,yes\n';
    const report = await loadBytes(s, 'combos.csv', file, { mapping: { knife_flag: 'ppn' } });
    expect([report.rowsRead, report.rowsLoaded, report.rowsRejected, report.warnings]).toEqual([3, 3, 0, []]);
    expect(await s.db.query('SELECT record_ref, role, offence_group, sex, weapon, ppn_submitted FROM police ORDER BY record_ref')).toEqual(
      ['R1', 'R2', 'R3'].map((ref) => ({ record_ref: `${ref}|Victim|`, role: 'Victim', offence_group: 'Robbery', sex: 'Male', weapon: 'Knife or sharp', ppn_submitted: true })),
    );
  });
});

describe('dates: a file whose dates are all of one plain shape gives what the general parse gives', () => {
  let s: TestDb;
  beforeAll(async () => {
    s = await createLoadedDb();
  });
  afterAll(() => s.db.close());

  it('reads UK dates in UK order, rejects an impossible one, and sends a column with a padded date to the general parse', async () => {
    const uk = await loadBytes(s, 'uk-dates.csv', 'crime_ref,role,occurred_date,offence_group\nU1,Victim,05/03/2024,Robbery\nU2,Victim,,Robbery\nU3,Victim,31/02/2024,Robbery\n');
    expect([uk.rowsLoaded, uk.firstRejections]).toEqual([1, [
      { line: 3, reason: 'occurred_date is blank' },
      { line: 4, reason: 'occurred_date is not a valid date: "31/02/2024"' },
    ]]);
    // ' 024-01-01' has ten characters in the ISO shape, but the field's text is trimmed to
    // '024-01-01', no date to the general parse (DuckDB's cast alone would read the year 24)
    const padded = await loadBytes(s, 'padded-date.csv', 'crime_ref,role,occurred_date,offence_group\nP1,Victim,2024-03-05,Robbery\nP2,Victim, 024-01-01,Robbery\n');
    expect([padded.rowsLoaded, padded.firstRejections]).toEqual([1, [{ line: 3, reason: 'occurred_date is not a valid date: "024-01-01"' }]]);
    expect(await s.db.query(`SELECT record_ref, CAST(occurred_date AS VARCHAR) AS d FROM police ORDER BY record_ref`)).toEqual([
      { record_ref: 'P1|Victim|', d: '2024-03-05' },
      { record_ref: 'U1|Victim|', d: '2024-03-05' },
    ]);
  });
});

describe('an unrecognised police role (regression: the load failed while saving the events)', () => {
  let s: TestDb;
  beforeAll(async () => {
    s = await createLoadedDb();
  });
  afterAll(() => s.db.close());

  it('keeps the row with role Unknown and counts a warning', async () => {
    const report = await loadBytes(s, 'witness.csv', 'crime_ref,role,occurred_date,offence_group\nW1,Witness,2024-01-01,Robbery\nW2,Victim,2024-01-02,Robbery\n');
    expect([report.rowsLoaded, report.rowsRejected]).toEqual([2, 0]);
    expect(report.warnings).toEqual([{ kind: 'unrecognised role', count: 1, firstLine: 2, example: 'Witness' }]);
    expect(await s.db.query(`SELECT record_ref, role FROM events ORDER BY record_ref`)).toEqual([
      { record_ref: 'W1|Unknown|', role: 'Unknown' },
      { record_ref: 'W2|Victim|', role: 'Victim' },
    ]);
  });
});

describe('saving: a file with more rows than the table takes its place, one with fewer is copied in', () => {
  let s: TestDb;
  beforeAll(async () => {
    s = await createLoadedDb();
  });
  afterAll(() => s.db.close());
  const header = 'crime_ref,role,person_ref,occurred_date,offence_group\n';
  const rows = () => s.db.query(`SELECT record_ref, extract_id, line, event_date, offence_group FROM police ORDER BY record_ref`);
  const columns = (table: string) =>
    s.db.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`);

  it('keeps the rows a file does not replace, whichever way it is saved, and the table its columns', async () => {
    // into an empty table: the file's staged rows become the table
    const a = await loadBytes(s, 'a.csv', `${header}K1,Victim,P1,2024-01-10,Robbery\nK2,Victim,P2,2024-01-11,Robbery\n`);
    // 3 accepted rows against 2 loaded: takes the table's place, keeping K1
    const b = await loadBytes(s, 'b.csv', `${header}K2,Victim,P2,2024-02-20,Homicide\nK3,Suspect,P3,2024-02-21,Robbery\nK4,Victim,,2024-02-22,Robbery\nBAD,Victim,P9,not a date,Robbery\n`);
    expect([b.rowsLoaded, b.rowsRejected, b.rowsReplaced]).toEqual([3, 1, 1]);
    expect(await rows()).toEqual([
      { record_ref: 'K1|Victim|P1', extract_id: a.extractId, line: 2, event_date: '2024-01-10', offence_group: 'Robbery' },
      { record_ref: 'K2|Victim|P2', extract_id: b.extractId, line: 2, event_date: '2024-02-20', offence_group: 'Homicide' },
      { record_ref: 'K3|Suspect|P3', extract_id: b.extractId, line: 3, event_date: '2024-02-21', offence_group: 'Robbery' },
      { record_ref: 'K4|Victim|', extract_id: b.extractId, line: 4, event_date: '2024-02-22', offence_group: 'Robbery' },
    ]);
    // 1 row against 4: copied in
    const c = await loadBytes(s, 'c.csv', `${header}K3,Suspect,P3,2024-03-01,Robbery\n`);
    expect(c.rowsReplaced).toBe(1);
    expect((await rows()).map((r) => [r.record_ref, r.extract_id === c.extractId, r.event_date])).toEqual([
      ['K1|Victim|P1', false, '2024-01-10'],
      ['K2|Victim|P2', false, '2024-02-20'],
      ['K3|Suspect|P3', true, '2024-03-01'],
      ['K4|Victim|', false, '2024-02-22'],
    ]);
    expect(await s.db.query(`SELECT event_date FROM events WHERE source = 'police' ORDER BY record_ref`)).toEqual(
      ['2024-01-10', '2024-02-20', '2024-03-01', '2024-02-22'].map((event_date) => ({ event_date })),
    );
    // the table is as its definition makes it, not as the staged table was
    await s.db.exec(sourceTableDdl('police').replace('EXISTS police (', 'EXISTS _want (').replace('CREATE TABLE', 'CREATE TEMP TABLE'));
    expect(await columns('police')).toEqual(await columns('_want'));
    expect(await columns('police')).toHaveLength(27);
  });
});
