import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';

let t: TestDb;
beforeAll(async () => {
  t = await createLoadedDb();
});
afterAll(() => t.db.close());

const kinds = (r: { warnings: { kind: string; count: number }[] }) => Object.fromEntries(r.warnings.map((w) => [w.kind, w.count]));

describe('ambulance: TSV with a byte-order mark, CRLF, UK dates, NHS codes and British National Grid', () => {
  it('loads and normalises each row as worked out by hand', async () => {
    const report = await loadBytes(t, 'ambulance.tsv', readFileSync('tests/fixtures/ambulance-bom-crlf-uk.tsv'));
    expect(report.source).toBe('ambulance');
    expect([report.rowsRead, report.rowsLoaded, report.rowsRejected]).toEqual([3, 3, 0]);
    expect(kinds(report)).toEqual({
      'unrecognised call_reason': 1,
      'unrecognised yes/no value in conveyed': 1,
      'age not a whole number from 0 to 120': 1,
      'priority not 1 to 4': 1,
      'call_at has no time of day': 1,
    });
    const rows = await t.db.query(
      `SELECT record_ref, event_date, event_hour, lsoa21cd, in_area, age, age_band, sex, ethnicity, weapon, category, role FROM events WHERE source = 'ambulance' ORDER BY record_ref`,
    );
    expect(rows).toEqual([
      { record_ref: 'A1', event_date: '2024-03-05', event_hour: 23, lsoa21cd: 'E01011312', in_area: true, age: 16, age_band: '10-17', sex: 'Male', ethnicity: 'Black', weapon: 'Knife or sharp', category: 'Stab or penetrating wound', role: null },
      { record_ref: 'A2', event_date: '2024-07-01', event_hour: 0, lsoa21cd: null, in_area: null, age: null, age_band: 'Unknown', sex: 'Female', ethnicity: 'Not recorded', weapon: 'Unknown', category: 'Assault', role: null },
      { record_ref: 'A3', event_date: '2024-04-01', event_hour: null, lsoa21cd: null, in_area: null, age: null, age_band: 'Unknown', sex: 'Unknown', ethnicity: 'Not recorded', weapon: 'Unknown', category: 'Other', role: null },
    ]);
    const own = await t.db.query('SELECT incident_ref, priority, conveyed, safeguarding_referral FROM ambulance ORDER BY incident_ref');
    expect(own).toEqual([
      { incident_ref: 'A1', priority: 1, conveyed: true, safeguarding_referral: false },
      { incident_ref: 'A2', priority: 2, conveyed: null, safeguarding_referral: null },
      { incident_ref: 'A3', priority: null, conveyed: null, safeguarding_referral: true },
    ]);
  });
});

describe('ed: assault time first, arrival when blank, points by point-in-polygon', () => {
  it('loads as worked out by hand', async () => {
    const report = await loadBytes(t, 'ed.csv', readFileSync('tests/fixtures/ed-points.csv'));
    expect([report.rowsRead, report.rowsLoaded, report.rowsRejected]).toEqual([3, 2, 1]);
    expect(report.firstRejections).toEqual([{ line: 4, reason: 'arrival_at is blank' }]);
    const rows = await t.db.query(
      `SELECT record_ref, person_ref, event_date, event_hour, lsoa21cd, in_area, latitude, longitude, sex, ethnicity, weapon, category FROM events WHERE source = 'ed' ORDER BY record_ref`,
    );
    expect(rows).toEqual([
      { record_ref: 'E1', person_ref: 'P1', event_date: '2024-05-09', event_hour: 23, lsoa21cd: 'E01011312', in_area: true, latitude: 53.77441, longitude: -1.544854, sex: 'Female', ethnicity: 'Asian', weapon: 'Body', category: 'Public place' },
      // 01:00 UTC on 11 May is 02:00 British Summer Time
      { record_ref: 'E2', person_ref: null, event_date: '2024-05-11', event_hour: 2, lsoa21cd: null, in_area: null, latitude: null, longitude: null, sex: 'Unknown', ethnicity: 'Not recorded', weapon: 'Knife or sharp', category: 'Home' },
    ]);
    expect(await t.db.query(`SELECT home_lsoa21cd, navigator_engaged, onward_referral FROM ed ORDER BY attendance_ref`)).toEqual([
      { home_lsoa21cd: 'E01011264', navigator_engaged: true, onward_referral: 'CAMHS' },
      { home_lsoa21cd: null, navigator_engaged: false, onward_referral: null },
    ]);
  });
});

describe('yjs: a required person_ref, outcomes and the cohort flags', () => {
  it('loads as worked out by hand', async () => {
    const report = await loadBytes(t, 'yjs.csv', readFileSync('tests/fixtures/yjs-basic.csv'));
    expect(report.firstRejections).toEqual([{ line: 3, reason: 'person_ref is blank' }]);
    expect(await t.db.query(`SELECT * EXCLUDE (extract_id, line, latitude, longitude, easting, northing) FROM yjs`)).toEqual([
      {
        record_ref: 'Y1', event_date: '2024-02-01', event_hour: null, lsoa21cd: 'E01011264', lad24cd: 'E08000035', ward_code: null, in_area: true, yjs_ref: 'Y1', person_ref: 'P1',
        offence_date: '2024-02-01', outcome_date: '2024-04-01', offence_type: 'Violence against the person', outcome: 'Youth rehabilitation order',
        weapon: 'Knife or sharp', home_lsoa21cd: 'E01011265', age: 15, age_band: '10-17', sex: 'Male', ethnicity: 'Black',
        send: true, ehcp: false, looked_after: true, first_time_entrant: true, exploitation_concern: true,
      },
    ]);
  });
});

describe('police.uk downloads load unmodified', () => {
  const stopSearch = readFileSync('tests/fixtures/police-uk/stop-and-search-west-yorkshire-2021-08-first40.csv');
  const street = readFileSync('tests/fixtures/police-uk/street-format-excerpt-city-of-london-2018-11.csv');

  it('stop and search: UTC times to UK local, self-defined ethnicity falling back to officer-defined, West Yorkshire points outside Leeds kept', async () => {
    const report = await loadBytes(t, 'stop-search.csv', stopSearch);
    expect(report.source).toBe('stop_search');
    expect([report.rowsRead, report.rowsLoaded, report.rowsRejected]).toEqual([40, 40, 0]);
    const byArea = await t.db.query(`SELECT in_area, count(*)::INTEGER AS n FROM events WHERE source = 'stop_search' GROUP BY in_area ORDER BY in_area`);
    // 15 searches are in Leeds, 25 elsewhere in West Yorkshire
    expect(byArea).toEqual([{ in_area: false, n: 25 }, { in_area: true, n: 15 }]);
    expect(kinds(report)['place outside Leeds, elsewhere in West Yorkshire (kept; in the area when the partnership area is West Yorkshire)']).toBe(25);
    // each placed in its district by the coarser boundaries outside Leeds: a ray-casting check of the
    // 40 points against ONS's district outlines, outside the app, gives Bradford 16, Kirklees 6, Wakefield 3
    const byDistrict = await t.db.query(`SELECT lad24cd, count(*)::INTEGER AS n FROM events WHERE source = 'stop_search' GROUP BY 1 ORDER BY 1`);
    expect(byDistrict).toEqual([
      { lad24cd: 'E08000032', n: 16 },
      { lad24cd: 'E08000034', n: 6 },
      { lad24cd: 'E08000035', n: 15 },
      { lad24cd: 'E08000036', n: 3 },
    ]);
    const first = await t.db.query(
      `SELECT e.event_date, e.event_hour, e.sex, e.age_band, e.ethnicity, e.category, e.weapon, e.person_ref
       FROM events e JOIN stop_search s USING (record_ref) WHERE e.source = 'stop_search' AND s.line = 2`,
    );
    // line 2: 2021-07-31T23:40:00+00:00 is 00:40 on 1 August in BST; line 3: self-defined "Not stated", officer-defined Asian
    expect(first[0]).toEqual({ event_date: '2021-08-01', event_hour: 0, sex: 'Male', age_band: '25+', ethnicity: 'Asian', category: 'Controlled drugs', weapon: 'Unknown', person_ref: null });
    const line3 = await t.db.query(`SELECT ethnicity, sex, age_band FROM stop_search WHERE line = 3`);
    expect(line3).toEqual([{ ethnicity: 'Asian', sex: 'Unknown', age_band: '18-24' }]);
  });

  it('loading the same police.uk file twice replaces it (keyed by content hash and line)', async () => {
    const again = await loadBytes(t, 'stop-search-again.csv', stopSearch);
    expect(again.rowsReplaced).toBe(40);
    expect(await t.db.query(`SELECT count(*)::INTEGER AS n FROM stop_search`)).toEqual([{ n: 40 }]);
  });

  it('street crime: month to its first day, anti-social behaviour keyed by line, London kept outside the area', async () => {
    const report = await loadBytes(t, 'street.csv', street);
    expect(report.source).toBe('street_crime');
    expect([report.rowsRead, report.rowsLoaded]).toEqual([16, 16]);
    const rows = await t.db.query(
      `SELECT count(*)::INTEGER AS n, min(event_date) AS d, count(DISTINCT record_ref)::INTEGER AS keys, bool_and(in_area = false) AS outside,
              count(*) FILTER (WHERE lsoa21cd = 'E01000914')::INTEGER AS camden, count(event_hour)::INTEGER AS with_hour
       FROM events WHERE source = 'street_crime'`,
    );
    expect(rows).toEqual([{ n: 16, d: '2018-11-01', keys: 16, outside: true, camden: 2, with_hour: 0 }]);
    await loadBytes(t, 'street.csv', street);
    expect(await t.db.query(`SELECT count(*)::INTEGER AS n FROM street_crime`)).toEqual([{ n: 16 }]);
  });
});

describe('Parquet with the same column names', () => {
  it('loads like the CSV would', async () => {
    const bytes = new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: 'crime_ref', data: ['PQ1'], type: 'STRING' },
          { name: 'role', data: ['Victim'], type: 'STRING' },
          { name: 'person_ref', data: ['PP1'], type: 'STRING' },
          { name: 'occurred_date', data: [new Date(Date.UTC(2023, 11, 24, 21, 5))], type: 'TIMESTAMP' },
          { name: 'offence_group', data: ['Robbery'], type: 'STRING' },
          { name: 'age', data: [14], type: 'INT32' },
          { name: 'sex', data: ['F'], type: 'STRING' },
          { name: 'ethnicity', data: ['IC3'], type: 'STRING' },
        ],
      }),
    );
    const report = await loadBytes(t, 'police.parquet', bytes);
    expect(report.source).toBe('police');
    expect(report.rowsLoaded).toBe(1);
    expect(await t.db.query(`SELECT event_date, event_hour, age_band, sex, ethnicity, category FROM events WHERE record_ref = 'PQ1|Victim|PP1'`)).toEqual([
      { event_date: '2023-12-24', event_hour: 21, age_band: '10-17', sex: 'Female', ethnicity: 'Black', category: 'Robbery' },
    ]);
  });
});
