import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_FILTERS } from '@/data/filters';
import { dataSpan } from '@/data/aggregates';
import { queenNeighbours } from '@/lib/hotspots';
import { areaMonthCountsSql, areaProfilesSql, type AreaMonthCount, type AreaProfile } from '@/features/evaluate/evaluate-sql';
import { boundariesSql, parseBoundaries } from '@/data/boundaries';
import { blockingProblem, countsTable, describeChange, describeTrend, evaluate, indexedTable, matchCandidates } from '@/features/evaluate/evaluation';
import { evaluationToSearch, parseEvaluation, periodsOf } from '@/features/evaluate/evaluation-params';
import { shapeTable } from '@/lib/aggregate-table';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';

// Wetherby (E05011414) is the intervention; its only neighbour is Harewood (E05011396), the ring;
// Otley & Yeadon (E05011549) is the comparison. Records by month, all police victims aged 15:
const WETHERBY = 'E01011697';
const HAREWOOD = 'E01011296';
const OTLEY = 'E01011264';
const PLAN: [lsoa: string, month: string, n: number][] = [
  [WETHERBY, '2024-01', 10], [WETHERBY, '2024-02', 12], [WETHERBY, '2024-03', 14], // before 36
  [WETHERBY, '2024-04', 5], [WETHERBY, '2024-05', 6], [WETHERBY, '2024-06', 7], // after 18
  [OTLEY, '2024-01', 20], [OTLEY, '2024-02', 20], [OTLEY, '2024-03', 20], // before 60
  [OTLEY, '2024-04', 20], [OTLEY, '2024-05', 18], [OTLEY, '2024-06', 22], // after 60
  [HAREWOOD, '2024-01', 6], [HAREWOOD, '2024-02', 6], [HAREWOOD, '2024-03', 6], // before 18
  [HAREWOOD, '2024-04', 10], [HAREWOOD, '2024-05', 10], [HAREWOOD, '2024-06', 10], // after 30
];

function policeCsv(): string {
  const rows = ['crime_ref,role,person_ref,occurred_date,offence_group,lsoa21cd,age,sex,ethnicity'];
  let k = 0;
  for (const [lsoa, month, n] of PLAN) for (let i = 0; i < n; i++) rows.push(`C${++k},Victim,P${k},${month}-${String((i % 27) + 1).padStart(2, '0')},Robbery,${lsoa},15,M,White`);
  // adults in Wetherby after the start: outside an outcome of 10–17-year-olds
  for (let i = 0; i < 7; i++) rows.push(`C${++k},Victim,P${k},2024-05-0${i + 1},Robbery,${WETHERBY},30,M,White`);
  // the last day of July, so July is the last complete month; and a record with no place
  rows.push(`C${++k},Victim,P${k},2024-07-31,Robbery,${OTLEY},15,M,White`, `C${++k},Victim,P${k},2024-02-02,Robbery,,15,M,White`);
  return rows.join('\n') + '\n';
}

let t: TestDb;
let profiles: AreaProfile[];
let neighbours: Map<string, Set<string>>;
beforeAll(async () => {
  t = await createLoadedDb();
  await loadBytes(t, 'police.csv', policeCsv());
  profiles = await t.db.query<AreaProfile & Record<string, string | number>>(areaProfilesSql('ward', 'leeds'));
  const q = boundariesSql('ward', 'leeds');
  neighbours = queenNeighbours(parseBoundaries(await t.db.query<{ code: string; name: string; geometry: string }>(q.sql, q.params)));
});
afterAll(() => t.db.close());

const SEARCH = '?iv=E05011414&start=2024-04&months=3&compare=E05011549&age=10-17';

async function counts(search: string) {
  const { params } = parseEvaluation(search);
  const p = periodsOf(params.start!, params.months);
  const q = areaMonthCountsSql(params.level!, { ...NO_FILTERS, age: ['10-17'], from: '2024-05', area: OTLEY }, p.before.from, p.after.to);
  return { params, rows: await t.db.query<AreaMonthCount & Record<string, string | number>>(q.sql, q.params) };
}

describe('evaluation SQL against DuckDB', () => {
  it('gives every Leeds ward with its residents and mean IMD decile', async () => {
    expect(profiles).toHaveLength(33);
    const [check] = await t.db.query<{ p: number; d: number }>(`SELECT sum(population)::INTEGER AS p, sum(population * imd_decile) / sum(population) AS d FROM ref_lsoa WHERE ward_code = 'E05011414'`);
    const wetherby = profiles.find((p) => p.code === 'E05011414')!;
    expect(wetherby.name).toBe('Wetherby');
    expect(wetherby.population).toBe(check!.p);
    expect(wetherby.imd).toBeCloseTo(check!.d, 10);
  });

  it('counts by ward and month over both periods, leaving out the filter bar’s area and months and the adults', async () => {
    const { rows } = await counts(SEARCH);
    const of = (code: string) => rows.filter((r) => r.code === code).map((r) => [r.month, r.n]);
    expect(of('E05011414')).toEqual([['2024-01', 10], ['2024-02', 12], ['2024-03', 14], ['2024-04', 5], ['2024-05', 6], ['2024-06', 7]]);
    expect(of('E05011396')).toEqual([['2024-01', 6], ['2024-02', 6], ['2024-03', 6], ['2024-04', 10], ['2024-05', 10], ['2024-06', 10]]);
    // July is outside the periods, and the record with no place has no ward
    expect(rows.reduce((s, r) => s + r.n, 0)).toBe(36 + 18 + 18 + 30 + 120);
  });

  it('finds Harewood as Wetherby’s only neighbour in the bundled boundaries', () => {
    expect([...neighbours.get('E05011414')!]).toEqual(['E05011396']);
  });
});

describe('an evaluation worked out by hand', () => {
  it('gives the four counts, the RRR, its interval, the detectable change, the trend and the ring', async () => {
    const { params, rows } = await counts(SEARCH);
    const span = await dataSpan(t.db);
    expect(span).toMatchObject({ first: '2024-01', latestComplete: '2024-07' });
    const s = { first: span.first!, latestComplete: span.latestComplete! };
    expect(blockingProblem(params, profiles, s)).toBeNull();
    const e = evaluate(params, profiles, neighbours, rows, s);
    expect([e.intervention.before, e.intervention.after, e.comparison.before, e.comparison.after]).toEqual([36, 18, 60, 60]);
    expect(e.ring.codes).toEqual(['E05011396']);
    expect([e.ring.before, e.ring.after]).toEqual([18, 30]);
    // RRR = (18/36) ÷ (60/60) = 0.5; SE = √(1/36 + 1/18 + 1/60 + 1/60) = 0.341565
    if (!e.result?.ok) throw new Error('no result');
    expect(e.result.value.rrr).toBeCloseTo(0.5, 10);
    expect(e.result.value.se).toBeCloseTo(0.341565, 6);
    expect(e.result.value.lower).toBeCloseTo(0.255991, 5);
    expect(e.result.value.upper).toBeCloseTo(0.976598, 5);
    expect(describeChange(e.result.value)).toBe("a fall of 50% beyond the comparison areas' change (95% CI 2% to 74%): a difference beyond chance");
    // MDE: SE = √(2/36 + 2/60) = 0.298142; fall 1 − e^(−2.8·SE) = 56.6%, rise e^(2.8·SE) − 1 = 130.4%
    if (!e.detectable.ok) throw new Error(e.detectable.reason);
    expect(e.detectable.value.fall).toBeCloseTo(0.566038, 5);
    expect(e.detectable.value.rise).toBeCloseTo(1.30435, 4);
    // trend of ln(I/C) over 10/20, 12/20, 14/20: slope 0.167736 a month, SE 0.260007
    if (!e.trend.ok) throw new Error(e.trend.reason);
    expect(e.trend.value.slope).toBeCloseTo(0.167736, 5);
    expect(e.trend.value.se).toBeCloseTo(0.260007, 5);
    expect(describeTrend(e.trend.value)).toMatch(/^The ratio of intervention to comparison records changed by \+18\.3% a month .*no trend beyond chance/);
    // the ring: (30/18) ÷ (60/60) = 1.667, SE √(1/18 + 1/30 + 1/60 + 1/60) = 0.349603 → 0.840 to 3.307
    if (!e.displacement?.ok) throw new Error('no displacement');
    expect(e.displacement.value.rrr).toBeCloseTo(1.666667, 5);
    expect(e.displacement.value.lower).toBeCloseTo(0.839964, 5);
    expect(e.displacement.value.upper).toBeCloseTo(3.30702, 4);
    expect(e.displacement.value.beyondChance).toBe(false);
    expect(e.coverageNotes).toEqual([]);
  });

  it('shows rates per 1,000 a year and an index whose before mean is 100', async () => {
    const { params, rows } = await counts(SEARCH);
    const e = evaluate(params, profiles, neighbours, rows, { first: '2024-01', latestComplete: '2024-07' });
    const pop = profiles.find((p) => p.code === 'E05011414')!.population;
    const table = countsTable(e);
    // 36 records over 3 months: 36 / pop × 1,000 × 4 a year
    expect(table.rows[0]!.rate_before).toBeCloseTo((36 / pop) * 4000, 10);
    const idx = indexedTable(e);
    // intervention before mean 12: January 10 → 83.3, April 5 → 41.7; comparison mean 20: May 18 → 90
    expect(idx.rows.map((r) => r.month)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
    expect(idx.rows[0]!.intervention_index).toBeCloseTo(83.333, 3);
    expect(idx.rows[3]!.intervention_index).toBeCloseTo(41.667, 3);
    expect(idx.rows[4]!.comparison_index).toBeCloseTo(90, 10);
  });

  it('in publishing mode hides counts of 1–4 and every value built on them', async () => {
    const { params, rows } = await counts(SEARCH);
    const e = evaluate(params, profiles, neighbours, rows.map((r) => (r.code === 'E05011414' && r.month === '2024-04' ? { ...r, n: 3 } : r)), { first: '2024-01', latestComplete: '2024-07' });
    const table = indexedTable(e);
    const shaped = shapeTable(table, true);
    const april = shaped[3]!;
    expect(april[2]!.text).toBe('<5');
    expect(april[3]!.text).toBe('suppressed');
    expect(shaped[4]![2]!.text).toBe('6');
  });

  it('says a period past the data is cut short, and computes with the months there are', async () => {
    const search = '?iv=E05011414&start=2024-04&months=6&compare=E05011549&age=10-17';
    const { params, rows } = await counts(search);
    const e = evaluate(params, profiles, neighbours, rows, { first: '2024-01', latestComplete: '2024-07' });
    expect(e.beforeMonths).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(e.afterMonths).toEqual(['2024-04', '2024-05', '2024-06', '2024-07']);
    expect(e.coverageNotes[0]).toBe('The before period (Oct 2023 to Mar 2024) starts before the data, which begins in Jan 2024: 3 of its 6 months have no records, so it covers Jan 2024 to Mar 2024.');
    expect(e.coverageNotes[1]).toMatch(/^The after period \(Apr 2024 to Sep 2024\) runs past the data's last complete month, Jul 2024: 2 of its 6 months are missing/);
    // the detectable change counts on a full after period of 6 months against 3 before: k = 2
    if (!e.detectable.ok) throw new Error(e.detectable.reason);
    expect(e.detectable.value.se).toBeCloseTo(Math.sqrt(1 / 36 + 1 / 72 + 1 / 60 + 1 / 120), 10);
  });
});

describe('before the after period has data', () => {
  it('gives no result yet, but the detectable change from the before counts', async () => {
    const { params, rows } = await counts('?iv=E05011414&start=2024-08&months=3&compare=E05011549&age=10-17');
    const span = { first: '2024-01', latestComplete: '2024-07' };
    expect(blockingProblem(params, profiles, span)).toBeNull();
    const e = evaluate(params, profiles, neighbours, rows, span);
    expect(e.beforeMonths).toEqual(['2024-05', '2024-06', '2024-07']);
    expect(e.afterMonths).toEqual([]);
    expect(e.result).toBeNull();
    expect(e.displacement).toBeNull();
    // before: Wetherby 6 + 7 = 13 (May, June; the adults are left out), Otley 18 + 22 + 1 = 41
    expect([e.intervention.before, e.comparison.before]).toEqual([13, 41]);
    if (!e.detectable.ok) throw new Error(e.detectable.reason);
    expect(e.detectable.value.se).toBeCloseTo(Math.sqrt(2 / 13 + 2 / 41), 10);
    expect(e.coverageNotes).toEqual(['The after period (Aug 2024 to Oct 2024) has not begun in the data, whose last complete month is Jul 2024: the result will show once it has.']);
  });
});

describe('bad input', () => {
  it('asks for areas, a start month inside the data, and records to evaluate', () => {
    const s = { first: '2024-01', latestComplete: '2024-07' };
    expect(blockingProblem(parseEvaluation('?start=2024-04').params, profiles, s)).toMatch(/^Choose the areas/);
    expect(blockingProblem(parseEvaluation('?iv=E05011414').params, profiles, s)).toBe('Choose the month the intervention started.');
    expect(blockingProblem(parseEvaluation('?iv=E05011414&start=2030-01').params, profiles, s)).toBe(
      'The start month Jan 2030 is outside the data: the before period (Jan 2029 to Dec 2029) has no month with data, which runs from Jan 2024 to Jul 2024.',
    );
    expect(blockingProblem(parseEvaluation('?iv=E05099999&start=2024-04').params, profiles, s)).toBe("None of the intervention's areas (E05099999) is a ward of the partnership's area.");
    expect(blockingProblem(parseEvaluation('?iv=E05011414&start=2024-04').params, profiles, null)).toMatch(/^No records are loaded/);
  });

  it('reads the link, leaving out what makes no sense and saying why', () => {
    const { params, problems } = parseEvaluation('?iv=E05011414,E02002330,nonsense&start=2024-13&months=60&compare=E05011414,E05011549&name=Youth%20hub');
    expect(params).toEqual({ iv: ['E05011414'], level: 'ward', start: null, months: 12, compare: { kind: 'list', codes: ['E05011549'] }, name: 'Youth hub' });
    expect(problems).toEqual([
      "Ignored iv=E02002330: an MSOA, and the intervention's first area is a ward; areas of one level are compared.",
      'Ignored iv=NONSENSE: not a ward (E05), MSOA (E02) or LSOA (E01) code.',
      'Ignored start=2024-13: months are written YYYY-MM.',
      'Ignored months=60: each period is a whole number of months from 3 to 36; using 12.',
      'Left E05011414 out of the comparison: it is one of the intervention\'s areas, and the two groups must not overlap.',
    ]);
    expect(evaluationToSearch({ ...params, start: '2024-04', months: 6 }, '?age=10-17&iv=old')).toBe('?age=10-17&iv=E05011414&start=2024-04&months=6&compare=E05011549&name=Youth+hub');
  });

  it('says why a ratio cannot be computed when a group has no records in a period', async () => {
    const { params, rows } = await counts(SEARCH);
    const e = evaluate(params, profiles, neighbours, rows.filter((r) => !(r.code === 'E05011414' && r.month >= '2024-04')), { first: '2024-01', latestComplete: '2024-07' });
    expect(e.result).toEqual({ ok: false, reason: 'The ratio cannot be computed: the intervention areas have no records in the after period.' });
    expect(JSON.stringify(countsTable(e).rows)).not.toMatch(/NaN|Infinity/);
  });
});

describe('matched comparison areas', () => {
  it('takes the nearest areas in IMD decile and before rate, never the intervention or its neighbours', () => {
    // IMD deciles 1, 2, 9, 1, 2, 1 and rates 10, 9, 10, 2, 10, 10 per 1,000 (population 1,000 each)
    const areas: AreaProfile[] = [
      { code: 'A', name: 'A', population: 1000, imd: 1 },
      { code: 'B', name: 'B', population: 1000, imd: 2 },
      { code: 'C', name: 'C', population: 1000, imd: 9 },
      { code: 'D', name: 'D', population: 1000, imd: 1 },
      { code: 'E', name: 'E', population: 1000, imd: 2 },
      { code: 'F', name: 'F', population: 1000, imd: 1 },
    ];
    const before = new Map([['A', 10], ['B', 9], ['C', 10], ['D', 2], ['E', 10], ['F', 10]]);
    const order = matchCandidates(areas, ['A'], new Set(['F']), before).map((c) => c.code);
    // F matches A exactly but touches it; B and E differ by one decile (E also by one per 1,000 less);
    // D has A's decile but a rate 8 per 1,000 lower; C is far less deprived
    expect(order).toEqual(['E', 'B', 'D', 'C']);
  });
});
