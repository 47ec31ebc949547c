import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { exportFailureMessage, exportPreamble, exportRecordsCsv, planBatches } from '@/data/export-records';
import { exportRecordsParquet, inProcessSink } from '@/data/export-parquet';
import { AGE_BANDS, ETHNICITIES, NO_FILTERS, ROLES, SEXES, WEAPONS, filtersToSql, type Filters } from '@/data/filters';
import { REBUILD_EVENTS_SQL } from '@/data/schema';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';

let t: TestDb;
beforeAll(async () => {
  t = await createLoadedDb();
  await loadBytes(t, 'police-basic.csv', readFileSync('tests/fixtures/police-basic.csv'));
  // a crime reference that a spreadsheet would run as a formula
  await loadBytes(t, 'ed-points.csv', readFileSync('tests/fixtures/ed-points.csv'));
  await loadBytes(t, 'formula.csv', 'crime_ref,role,occurred_date,offence_group\n=HYPERLINK("x"),Victim,2024-05-01,Robbery\n');
});
afterAll(() => t.db.close());

describe('CSV export of the filtered records', () => {
  const madeAt = new Date('2026-11-27T12:00:00Z');

  it('writes the preamble, the contract columns and exactly the matching records', async () => {
    const file = await exportRecordsCsv(t.db, { ...NO_FILTERS, ethnicity: ['Black', 'White'] }, madeAt, false);
    expect(file.type).toBe('text/csv;charset=utf-8');
    const text = await file.text();
    // written straight from the query: no working table is left behind
    expect(await t.db.query("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '%export%'")).toEqual([]);
    const lines = text.trimEnd().split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '# Partnership Violence Dashboard: records of the events view',
      '# Filters: ethnicity=Black,White',
      '# Partnership area: Leeds; in_area and area rates follow it',
      '# Made: 2026-11-27T12:00:00.000Z',
      '# Data: loaded partner extracts',
    ]);
    expect(exportPreamble({ ...NO_FILTERS, region: 'wy' }, madeAt, true).slice(1, 3)).toEqual([
      '# Filters: region=wy',
      '# Partnership area: West Yorkshire (Bradford, Calderdale, Kirklees, Leeds, Wakefield); in_area and area rates follow it',
    ]);
    expect(lines[5]).toBe(
      'source,record_ref,person_ref,event_date,event_month,event_hour,lsoa21cd,msoa21cd,ward_code,lad24cd,in_area,latitude,longitude,age,age_band,sex,ethnicity,weapon,category,role,' +
        // then police's own contract columns that events does not carry
        'police_crime_ref,police_occurred_date,police_occurred_time,police_offence_group,police_offence,police_officer_defined_ethnicity,police_ppn_submitted',
    );
    expect(lines.slice(6)).toEqual([
      // ordered by source, date and record reference; the suspect's officer-defined IC1 is White, PPN blank is unknown
      'police,C1|Suspect|P2,P2,2024-03-05,2024-03-01,,E01011264,E02002340,E05011549,E08000035,true,,,17,10-17,Male,White,Unknown,Violence with injury,Suspect,C1,2024-03-05,,Violence with injury,,White,',
      'police,C1|Victim|P1,P1,2024-03-05,2024-03-01,14,E01011264,E02002340,E05011549,E08000035,true,,,15,10-17,Male,Black,Knife or sharp,Violence with injury,Victim,C1,2024-03-05,14:30,Violence with injury,,Not recorded,false',
    ]);
  });

  it('writes the same file a batch at a time, reporting each batch, and the header alone when nothing matches', async () => {
    const filters = { ...NO_FILTERS, to: '2024-05' };
    const whole = await (await exportRecordsCsv(t.db, filters, madeAt, false)).text();
    // up to May 2024: ED's E1 (9 May) and E2 (11 May; E3 has no arrival, so it was rejected), and
    // police's C6 (2 Feb), C1's suspect and victim (both 5 March; the victim's repeat was dropped)
    // and the formula row (1 May)
    expect(whole.trimEnd().split('\n').filter((l) => !l.startsWith('#'))).toHaveLength(1 + 6);
    const progress = async (batchRows: number) => {
      const seen: [number, number][] = [];
      const text = await (await exportRecordsCsv(t.db, filters, madeAt, false, { batchRows, onProgress: (d, n) => seen.push([d, n]) })).text();
      expect(text).toBe(whole);
      return seen;
    };
    // a batch holds one source's consecutive days
    expect(await progress(4)).toEqual([[2, 6], [6, 6]]);
    // a day is never split: 5 March's two records go together though the batch is of one
    expect(await progress(1)).toEqual([[1, 6], [2, 6], [3, 6], [5, 6], [6, 6]]);
    const none = await (await exportRecordsCsv(t.db, { ...NO_FILTERS, from: '2030-01' }, madeAt, false)).text();
    const lines = none.trimEnd().split('\n');
    expect(lines.filter((l) => !l.startsWith('#'))).toEqual([lines[lines.length - 1]]);
    expect(lines[lines.length - 1]).toMatch(/^source,record_ref,person_ref,/);
  });

  it('neutralises text a spreadsheet would run as a formula', async () => {
    const text = await (await exportRecordsCsv(t.db, { ...NO_FILTERS, from: '2024-05', to: '2024-05', sources: ['police'] }, madeAt, true)).text();
    const rows = text.trimEnd().split('\n').filter((l) => !l.startsWith('#'));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^police,"'=HYPERLINK\(""x""\)\|Victim\|",/);
    expect(exportPreamble(NO_FILTERS, madeAt, true)).toContain('# Data: includes SYNTHETIC demo data, not real records');
  });
});

describe('filters on the export', () => {
  const madeAt = new Date('2026-11-27T12:00:00Z');
  const recordsIn = async (filters: Filters) =>
    (await (await exportRecordsCsv(t.db, filters, madeAt, false)).text()).trimEnd().split('\n').filter((l) => !l.startsWith('#')).length - 1;
  const viewCount = async (filters: Filters) => {
    const where = filtersToSql(filters);
    return Number((await t.db.query(`SELECT count(*) AS n FROM events WHERE ${where.sql}`, where.params))[0]!.n);
  };

  // The export reads the stored events, where these columns are ENUMs; the events view has text.
  // Every value the filter bar offers must select the same records both ways.
  it.each([
    ['age', AGE_BANDS],
    ['sex', SEXES],
    ['ethnicity', ETHNICITIES],
    ['weapon', WEAPONS],
    ['role', ROLES],
  ] as const)('selects by each %s the filter bar offers, as the events view does', async (key, values) => {
    for (const v of values) {
      const filters: Filters = { ...NO_FILTERS, [key]: [v] };
      expect(await recordsIn(filters)).toBe(await viewCount(filters));
    }
  });

  it('selects by area and source as the events view does', async () => {
    // the fixtures' ED record E1 is in E01011312, police's C1 rows in E01011264
    expect(await recordsIn({ ...NO_FILTERS, area: 'E01011264' })).toBe(await viewCount({ ...NO_FILTERS, area: 'E01011264' }));
    expect(await recordsIn({ ...NO_FILTERS, area: 'E01011264', sources: ['police'] })).toBe(2);
  });
});

describe('planning an export in batches', () => {
  it("groups each source's consecutive days up to the target, never splitting a day, a missing date on its own", () => {
    const days = [
      { source: 'ed' as const, day: '2024-01-01', n: 3 },
      { source: 'ed' as const, day: '2024-01-02', n: 2 },
      { source: 'ed' as const, day: '2024-01-03', n: 1 },
      { source: 'police' as const, day: '2024-01-03', n: 7 },
      { source: 'police' as const, day: '2024-01-04', n: 1 },
      { source: 'police' as const, day: null, n: 2 },
    ];
    expect(planBatches(days, 5)).toEqual([
      { source: 'ed', from: '2024-01-01', to: '2024-01-02', rows: 5 },
      { source: 'ed', from: '2024-01-03', to: '2024-01-03', rows: 1 },
      { source: 'police', from: '2024-01-03', to: '2024-01-03', rows: 7 },
      { source: 'police', from: '2024-01-04', to: '2024-01-04', rows: 1 },
      { source: 'police', from: null, to: null, rows: 2 },
    ]);
    expect(planBatches(days, 100).map((b) => b.rows)).toEqual([6, 8, 2]);
    expect(planBatches([], 5)).toEqual([]);
  });
});

describe('records of several sources', () => {
  const madeAt = new Date('2026-11-27T12:00:00Z');

  it("adds each source's own columns, empty on other sources' rows", async () => {
    const text = await (await exportRecordsCsv(t.db, { ...NO_FILTERS, from: '2024-05', to: '2024-05', sources: ['ed'] }, madeAt, false)).text();
    const [header, ...rows] = text.trimEnd().split('\n').filter((l) => !l.startsWith('#'));
    expect(header!.split(',').slice(20)).toEqual([
      'ed_attendance_ref', 'ed_arrival_at', 'ed_assault_at', 'ed_assault_method', 'ed_assault_location_type',
      'ed_assault_location_description', 'ed_home_lsoa21cd', 'ed_navigator_engaged', 'ed_onward_referral',
    ]);
    // E1 arrived after midnight: the event date is the assault's, 23:50 the evening before
    expect(rows[0]!.split(',').slice(20)).toEqual(['E1', '2024-05-10 02:10:00', '2024-05-09 23:50:00', 'Body', 'Public place', '', 'E01011264', 'true', 'CAMHS']);
  });
});

describe('Parquet export of the filtered records', () => {
  const madeAt = new Date('2026-11-27T12:00:00Z');

  it('holds the same rows as the CSV export, typed, with the filters in its metadata', async () => {
    const filters = { ...NO_FILTERS, to: '2024-05' };
    const csv = await (await exportRecordsCsv(t.db, filters, madeAt, true)).text();
    const bytes = await exportRecordsParquet(t.db, filters, madeAt, true, inProcessSink());
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const rows = await parquetReadObjects({ file: buffer });
    const csvRows = Papa.parse<Record<string, string>>(csv, { header: true, comments: '#', skipEmptyLines: true }).data;
    expect(rows).toHaveLength(csvRows.length);
    expect(rows.map((r) => r.record_ref)).toEqual(csvRows.map((r) => r.record_ref));
    expect(Object.keys(rows[0]!)).toEqual(Object.keys(csvRows[0]!));
    const victim = rows.find((r) => r.record_ref === 'C1|Victim|P1')!;
    expect(victim.event_date).toEqual(new Date('2024-03-05T00:00:00Z'));
    expect(victim.event_hour).toBe(14);
    expect(victim.in_area).toBe(true);
    expect(victim.police_ppn_submitted).toBe(false);
    const e1 = rows.find((r) => r.record_ref === 'E1')!;
    expect(e1.latitude).toBeCloseTo(53.77441, 5);
    expect(e1.police_crime_ref).toBeNull();
    // wall-clock UK time, not shifted
    expect((e1.ed_arrival_at as Date).toISOString()).toBe('2024-05-10T02:10:00.000Z');
    const meta = parquetMetadata(buffer).key_value_metadata ?? [];
    const kv = Object.fromEntries(meta.map((m) => [m.key, m.value]));
    expect(kv['vrp.filters']).toBe('Filters: to=2024-05');
    expect(kv['vrp.synthetic']).toBe('true');
    expect(kv['vrp.made']).toBe('2026-11-27T12:00:00.000Z');
  });

  it('neutralises formula text and writes a valid empty file when nothing matches', async () => {
    const bytes = await exportRecordsParquet(t.db, { ...NO_FILTERS, from: '2024-05', to: '2024-05', sources: ['police'] }, madeAt, false, inProcessSink());
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
    expect(rows.map((r) => r.record_ref)).toEqual(["'=HYPERLINK(\"x\")|Victim|"]);
    const none = await exportRecordsParquet(t.db, { ...NO_FILTERS, from: '2019-01', to: '2019-01' }, madeAt, false, inProcessSink());
    expect(await parquetReadObjects({ file: none.buffer.slice(none.byteOffset, none.byteOffset + none.byteLength) as ArrayBuffer })).toEqual([]);
  });
});

describe('a record with no date', () => {
  it('is exported last, in a batch of its own', async () => {
    const fresh = await createLoadedDb();
    try {
      await loadBytes(fresh, 'two.csv', 'crime_ref,role,occurred_date,offence_group\nA1,Victim,2024-01-02,Robbery\nA2,Victim,2024-01-01,Robbery\n');
      // as a change made in the SQL console could leave it
      await fresh.db.exec(`INSERT INTO police (extract_id, line, record_ref, crime_ref, role, offence_group) VALUES ('sql', 0, 'A0|Victim|', 'A0', 'Victim', 'Robbery'); ${REBUILD_EVENTS_SQL}`);
      const progress: number[] = [];
      const text = await (await exportRecordsCsv(fresh.db, NO_FILTERS, new Date('2026-11-27T12:00:00Z'), false, { batchRows: 10, onProgress: (d) => progress.push(d) })).text();
      const refs = text.trimEnd().split('\n').filter((l) => !l.startsWith('#')).slice(1).map((l) => l.split(',')[1]);
      expect(refs).toEqual(['A2|Victim|', 'A1|Victim|', 'A0|Victim|']);
      expect(progress).toEqual([2, 3]);
    } finally {
      fresh.db.close();
    }
  });
});

describe('records changed while an export runs', () => {
  it('are exported as they stood when it began, and the change itself goes through', async () => {
    const fresh = await createLoadedDb();
    try {
      await loadBytes(fresh, 'police-basic.csv', readFileSync('tests/fixtures/police-basic.csv'));
      await loadBytes(fresh, 'ed-points.csv', readFileSync('tests/fixtures/ed-points.csv'));
      const madeAt = new Date('2026-11-27T12:00:00Z');
      const filters = { ...NO_FILTERS, to: '2024-05' };
      const before = await (await exportRecordsCsv(fresh.db, filters, madeAt, false)).text();
      const beforeParquet = await exportRecordsParquet(fresh.db, filters, madeAt, false, inProcessSink());
      // ED's records come first; once their batch is written, every police record is taken out
      // (the Node database runs the statement at once, between two batches)
      const takeOutPolice = () => void fresh.db.exec(`DELETE FROM police; DELETE FROM _events_store WHERE source = 'police'`);
      let changed = false;
      const during = await (
        await exportRecordsCsv(fresh.db, filters, madeAt, false, {
          batchRows: 1,
          onProgress: () => {
            if (!changed) takeOutPolice();
            changed = true;
          },
        })
      ).text();
      expect(during).toBe(before);
      expect(await fresh.db.query(`SELECT count(*)::INTEGER AS n FROM events WHERE source = 'police'`)).toEqual([{ n: 0 }]);
      // the Parquet export the same way, after the police records are put back
      await loadBytes(fresh, 'police-basic.csv', readFileSync('tests/fixtures/police-basic.csv'));
      // here the change comes once the export is planned, before any batch is read
      const sink = inProcessSink();
      const duringParquet = await exportRecordsParquet(fresh.db, filters, madeAt, false, {
        ...sink,
        start: async (columns, metadata) => {
          takeOutPolice();
          await sink.start(columns, metadata);
        },
      });
      const rows = async (bytes: Uint8Array) => (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer })).map((r) => r.record_ref);
      expect(await rows(duringParquet)).toEqual(await rows(beforeParquet));
      expect((await rows(beforeParquet)).filter((r) => String(r).includes('|'))).toHaveLength(3);
    } finally {
      fresh.db.close();
    }
  });
});

describe('an export that fails', () => {
  it("says what to do when DuckDB runs out of memory, and passes other errors on", () => {
    // DuckDB's text when an export of 5,000,000 records ran out of memory
    const oom = new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)\nDatabase is launched in in-memory mode and no temporary directory is specified.');
    expect(exportFailureMessage(oom)).toBe(
      'Export failed: the database in this tab ran out of memory. Narrow the filters (a shorter period or fewer sources) and export the records in parts.',
    );
    expect(exportFailureMessage(new Error('The Parquet export ended without a file.'))).toBe('Export failed: The Parquet export ended without a file.');
    expect(exportFailureMessage('stopped')).toBe('Export failed: stopped');
  });
});
