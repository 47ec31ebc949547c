import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';
import { EXAMPLE_ROWS, guideColumns, keyColumns, PARTNER_SOURCES, templateCsv, templateXlsx } from '@/data/ingest/partner-guide';
import { FIELDS } from '@/data/ingest/contracts';
import { workbookToCsv } from '@/data/ingest/xlsx/workbook-to-csv';

let t: TestDb;
beforeAll(async () => {
  t = await createLoadedDb();
});
afterAll(() => t.db.close());

describe('templates for partners, made from the contract', () => {
  it.each(PARTNER_SOURCES)('the %s CSV and .xlsx templates each load both example rows, with no rejection or warning', async (source) => {
    for (const [name, bytes] of [
      [`${source}-template.csv`, new TextEncoder().encode(templateCsv(source))],
      [`${source}-template.xlsx`, templateXlsx(source)],
    ] as const) {
      const report = await loadBytes(t, name, bytes);
      expect(report.source).toBe(source);
      expect([report.rowsRead, report.rowsLoaded, report.rowsRejected]).toEqual([2, 2, 0]);
      expect(report.warnings).toEqual([]);
    }
  });

  it('gives every column of the contract, in order, and nothing else', async () => {
    for (const source of PARTNER_SOURCES) {
      const names = FIELDS[source].map((f) => f.name);
      expect((await workbookToCsv(templateXlsx(source))).headers).toEqual(names);
      expect(templateCsv(source).split('\r\n')[0]).toBe(names.join(','));
      for (const row of EXAMPLE_ROWS[source]) for (const column of Object.keys(row)) expect(names).toContain(column);
    }
  });

  it('lists each column with whether it is required, its other names and its values', () => {
    const police = guideColumns('police');
    expect(police.find((c) => c.name === 'crime_ref')).toEqual({ name: 'crime_ref', required: true, aliases: ['crime_id', 'crime_reference', 'urn'], values: 'Text' });
    expect(police.find((c) => c.name === 'offence_group')?.values).toBe(
      'Homicide, Violence with injury, Violence without injury, Robbery, Possession of weapons, Sexual offences, Other (any case)',
    );
    expect(police.find((c) => c.name === 'occurred_date')?.values).toMatch(/^Date: YYYY-MM-DD or DD\/MM\/YYYY/);
    expect(police.find((c) => c.name === 'ppn_submitted')?.values).toMatch(/^Y\/N, Yes\/No/);
    expect(guideColumns('yjs').filter((c) => c.required).map((c) => c.name)).toEqual(['yjs_ref', 'person_ref', 'offence_date', 'offence_type']);
  });

  it("names each extract's key from the loader's own key", () => {
    expect(keyColumns('police')).toEqual(['crime_ref', 'role', 'person_ref']);
    expect(keyColumns('ambulance')).toEqual(['incident_ref']);
    expect(keyColumns('ed')).toEqual(['attendance_ref']);
    expect(keyColumns('yjs')).toEqual(['yjs_ref']);
  });
});
