import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filtersToSearch, filtersToSql, NO_FILTERS, parseFilters, type Filters } from '@/data/filters';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';

describe('filters in the URL', () => {
  it('reads every parameter, drops nonsense with a reason, and swaps reversed months', () => {
    const { filters, problems } = parseFilters(
      '?from=2024-06&to=2023-01&source=police,ed,bogus&area=e01011264&age=10-17,99&sex=female&ethnicity=Black&weapon=Knife%20or%20sharp&role=Victim&publish=1&demo=0',
    );
    expect(filters).toEqual({
      from: '2023-01', to: '2024-06', sources: ['police', 'ed'], area: 'E01011264', age: ['10-17'], sex: ['Female'],
      ethnicity: ['Black'], weapon: ['Knife or sharp'], role: ['Victim'], publish: true, region: 'leeds',
    });
    expect(problems).toEqual([
      'Swapped from=2024-06 and to=2023-01: the first month was after the last.',
      'Ignored source=bogus: not one of police, ambulance, ed, yjs, stop_search, street_crime.',
      'Ignored age=99: not one of 0-9, 10-17, 18-24, 25+, Unknown.',
    ]);
  });

  it('reads the region: Leeds when absent, West Yorkshire as wy, anything else ignored with a note', () => {
    expect(parseFilters('').filters.region).toBe('leeds');
    expect(parseFilters('?region=WY').filters.region).toBe('wy');
    expect(parseFilters('?region=leeds').filters.region).toBe('leeds');
    expect(parseFilters('?region=yorkshire')).toEqual({ filters: NO_FILTERS, problems: ['Ignored region=yorkshire: not leeds or wy (West Yorkshire).'] });
    // a district is an area like the others
    expect(parseFilters('?area=E08000032&region=wy').filters).toEqual({ ...NO_FILTERS, area: 'E08000032', region: 'wy' });
    expect(filtersToSearch({ ...NO_FILTERS, region: 'wy', age: ['10-17'] }, '?level=msoa')).toBe('?level=msoa&region=wy&age=10-17');
    expect(filtersToSearch({ ...NO_FILTERS, region: 'leeds' }, '?region=wy')).toBe('');
  });

  it('refuses a malformed month or area', () => {
    const { filters, problems } = parseFilters("?from=2024-13&area=E01011264' OR 1=1 --");
    expect(filters).toEqual(NO_FILTERS);
    expect(problems).toHaveLength(2);
  });

  it('round-trips through the query string and keeps other parameters', () => {
    const f: Filters = { ...NO_FILTERS, from: '2024-01', sources: ['yjs', 'police'], weapon: ['Knife or sharp'], publish: true };
    const search = filtersToSearch(f, '?demo=0&from=2019-01');
    expect(search).toBe('?demo=0&from=2024-01&source=yjs%2Cpolice&weapon=Knife+or+sharp&publish=1');
    expect(parseFilters(search).filters).toEqual(f);
    expect(filtersToSearch(NO_FILTERS)).toBe('');
  });
});

describe('filters as SQL over events (real DuckDB; answers from the fixtures, worked by hand)', () => {
  // police-basic.csv loads C1|Suspect|P2 (5 Mar 2024, male 17, White, weapon Unknown, E01011264),
  // C1|Victim|P1 (5 Mar 2024, male 15, Black, knife, E01011264), C2|Victim| (15 Jun 2024, female 22,
  // Asian, body, no place), C6|Victim|P7 (2 Feb 2024, Other, not recorded, firearm, Wales);
  // yjs-basic.csv loads Y1 (1 Feb 2024, male 15, Black, knife, E01011264).
  let t: TestDb;
  beforeAll(async () => {
    t = await createLoadedDb();
    await loadBytes(t, 'police-basic.csv', readFileSync('tests/fixtures/police-basic.csv'));
    await loadBytes(t, 'yjs-basic.csv', readFileSync('tests/fixtures/yjs-basic.csv'));
  });
  afterAll(() => t.db.close());

  const refs = async (f: Partial<Filters>) => {
    const where = filtersToSql({ ...NO_FILTERS, ...f });
    return (await t.db.query<{ record_ref: string }>(`SELECT record_ref FROM events WHERE ${where.sql} ORDER BY record_ref`, where.params)).map((r) => r.record_ref);
  };

  it.each<[string, Partial<Filters>, string[]]>([
    ['nothing', {}, ['C1|Suspect|P2', 'C1|Victim|P1', 'C2|Victim|', 'C6|Victim|P7', 'Y1']],
    ['from', { from: '2024-03' }, ['C1|Suspect|P2', 'C1|Victim|P1', 'C2|Victim|']],
    ['to', { to: '2024-02' }, ['C6|Victim|P7', 'Y1']],
    ['source', { sources: ['yjs'] }, ['Y1']],
    ['area: an LSOA', { area: 'E01011264' }, ['C1|Suspect|P2', 'C1|Victim|P1', 'Y1']],
    ['area: its MSOA', { area: 'E02002340' }, ['C1|Suspect|P2', 'C1|Victim|P1', 'Y1']],
    ['area: its ward', { area: 'E05011549' }, ['C1|Suspect|P2', 'C1|Victim|P1', 'Y1']],
    ['area: its district', { area: 'E08000035' }, ['C1|Suspect|P2', 'C1|Victim|P1', 'Y1']],
    ['area: another district', { area: 'E08000032' }, []],
    ['age', { age: ['10-17'] }, ['C1|Suspect|P2', 'C1|Victim|P1', 'Y1']],
    ['sex', { sex: ['Female', 'Other'] }, ['C2|Victim|', 'C6|Victim|P7']],
    ['ethnicity', { ethnicity: ['Black'] }, ['C1|Victim|P1', 'Y1']],
    ['weapon', { weapon: ['Knife or sharp'] }, ['C1|Victim|P1', 'Y1']],
    ['role (police only)', { role: ['Victim'] }, ['C1|Victim|P1', 'C2|Victim|', 'C6|Victim|P7']],
    ['a combination', { from: '2024-02', to: '2024-03', ethnicity: ['Black'], weapon: ['Knife or sharp'] }, ['C1|Victim|P1', 'Y1']],
  ])('%s', async (_label, f, want) => expect(await refs(f)).toEqual(want));

  it('keeps hostile values as values: quotes and SQL match nothing and break nothing', async () => {
    const hostile = { area: "E01011264' OR '1'='1", ethnicity: ["Black') OR TRUE --" as 'Black'] };
    expect(await refs(hostile)).toEqual([]);
    expect(filtersToSql({ ...NO_FILTERS, ...hostile }).sql).not.toContain("'");
    expect(await refs({})).toHaveLength(5);
  });

  it('qualifies columns with a table alias when asked', () => {
    expect(filtersToSql({ ...NO_FILTERS, sex: ['Male'] }, 'e')).toEqual({ sql: 'e.sex IN (?)', params: ['Male'] });
    expect(filtersToSql(NO_FILTERS)).toEqual({ sql: 'TRUE', params: [] });
  });
});
