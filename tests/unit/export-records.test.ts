import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPreamble, exportRecordsCsv } from '@/data/export-records';
import { NO_FILTERS } from '@/data/filters';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';

let t: TestDb;
beforeAll(async () => {
  t = await createLoadedDb();
  await loadBytes(t, 'police-basic.csv', readFileSync('tests/fixtures/police-basic.csv'));
  // a crime reference that a spreadsheet would run as a formula
  await loadBytes(t, 'formula.csv', 'crime_ref,role,occurred_date,offence_group\n=HYPERLINK("x"),Victim,2024-05-01,Robbery\n');
});
afterAll(() => t.db.close());

describe('CSV export of the filtered records', () => {
  const madeAt = new Date('2026-11-27T12:00:00Z');

  it('writes the preamble, the contract columns and exactly the matching records', async () => {
    const text = new TextDecoder().decode(await exportRecordsCsv(t.db, { ...NO_FILTERS, ethnicity: ['Black', 'White'] }, madeAt, false));
    const lines = text.trimEnd().split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '# Partnership Violence Dashboard: records of the events view',
      '# Filters: ethnicity=Black,White',
      '# Made: 2026-11-27T12:00:00.000Z',
      '# Data: loaded partner extracts',
    ]);
    expect(lines[4]).toBe(
      'source,record_ref,person_ref,event_date,event_month,event_hour,lsoa21cd,msoa21cd,ward_code,in_area,latitude,longitude,age,age_band,sex,ethnicity,weapon,category,role',
    );
    expect(lines.slice(5)).toEqual([
      // ordered by source, date and record reference
      'police,C1|Suspect|P2,P2,2024-03-05,2024-03-01,,E01011264,E02002340,E05011549,true,,,17,10-17,Male,White,Unknown,Violence with injury,Suspect',
      'police,C1|Victim|P1,P1,2024-03-05,2024-03-01,14,E01011264,E02002340,E05011549,true,,,15,10-17,Male,Black,Knife or sharp,Violence with injury,Victim',
    ]);
  });

  it('neutralises text a spreadsheet would run as a formula', async () => {
    const text = new TextDecoder().decode(await exportRecordsCsv(t.db, { ...NO_FILTERS, from: '2024-05', to: '2024-05' }, madeAt, true));
    const rows = text.trimEnd().split('\n').filter((l) => !l.startsWith('#'));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^police,"'=HYPERLINK\(""x""\)\|Victim\|",/);
    expect(exportPreamble(NO_FILTERS, madeAt, true)).toContain('# Data: includes SYNTHETIC demo data, not real records');
  });
});
