import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';

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
      'place outside Leeds (kept, not mapped)': [1, 10, 'W01000001'],
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

  it('loading the same extract again replaces its rows instead of double counting', async () => {
    const stages: string[] = [];
    const again = await loadBytes(t, 'police-basic.csv', fixture, { onStage: (s) => stages.push(`${s.step}/${s.steps} ${s.name} ${s.rows}`) });
    expect(stages).toEqual(['1/5 Reading the file null', '2/5 Checking values 9', '3/5 Finding places 9', '4/5 Normalising 9', '5/5 Saving 9']);
    expect(again.rowsReplaced).toBe(4);
    expect(await t.db.query(`SELECT count(*) AS n FROM events WHERE source = 'police'`)).toEqual([{ n: 4 }]);
  });
});
