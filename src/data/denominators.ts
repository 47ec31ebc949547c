import Papa from 'papaparse';
import { inTransaction } from './transaction';
import type { Db } from './db-types';
import { normaliseHeader } from './ingest/contracts';
import { mapEthnicity } from './ingest/vocab';
import { AGE_BANDS } from './filters';
import { DENOMINATOR_DDL } from './schema';
import { inRegionSql, regionName, type Region } from './region';

// A denominator table the user loads to replace the Census default: group, population and,
// optionally, area and age band. Checked like an extract: every problem named by line and column,
// and nothing replaced unless the whole file is good.

export const POPULATION_GROUPS = ['Asian', 'Black', 'Mixed', 'White', 'Other'] as const;
export type PopulationGroup = (typeof POPULATION_GROUPS)[number];

export interface DenominatorRow {
  group: PopulationGroup;
  population: number;
  area: string | null;
  age_band: string | null;
}

export interface DenominatorProblem {
  line: number;
  column: string;
  message: string;
}

const ALIASES: Record<string, string[]> = {
  group: ['group', 'ethnicity', 'ethnic_group'],
  population: ['population', 'pop', 'count', 'residents'],
  area: ['area', 'area_code', 'lsoa21cd', 'msoa21cd', 'ward_code', 'lad24cd'],
  age_band: ['age_band', 'age'],
};

export function parseDenominators(text: string): { rows: DenominatorRow[]; problems: DenominatorProblem[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const [header, ...body] = parsed.data;
  const problems: DenominatorProblem[] = [];
  if (!header) return { rows: [], problems: [{ line: 1, column: '', message: 'The file is empty.' }] };
  const names = header.map(normaliseHeader);
  const index = (field: string) => names.findIndex((n) => ALIASES[field]!.includes(n));
  const col = { group: index('group'), population: index('population'), area: index('area'), age_band: index('age_band') };
  if (col.group < 0) problems.push({ line: 1, column: 'group', message: 'No group column (group or ethnicity).' });
  if (col.population < 0) problems.push({ line: 1, column: 'population', message: 'No population column.' });
  if (problems.length) return { rows: [], problems };
  const rows: DenominatorRow[] = [];
  body.forEach((cells, i) => {
    const line = i + 2;
    const raw = (c: number) => (c >= 0 ? (cells[c] ?? '').trim() : '');
    const g = mapEthnicity(raw(col.group));
    const group = POPULATION_GROUPS.find((p) => p === g.value);
    if (!g.known || !group) {
      problems.push({ line, column: header[col.group]!, message: `“${raw(col.group)}” is not one of ${POPULATION_GROUPS.join(', ')}.` });
      return;
    }
    const popText = raw(col.population).replace(/,/g, '');
    const population = Number(popText);
    if (popText === '' || !Number.isFinite(population) || population < 0) {
      problems.push({ line, column: header[col.population]!, message: `“${raw(col.population)}” is not a population (a number of people, 0 or more).` });
      return;
    }
    const area = raw(col.area).toUpperCase() || null;
    if (area && !/^E0[1-9]\d{6}$/.test(area)) {
      problems.push({ line, column: header[col.area]!, message: `“${raw(col.area)}” is not an LSOA, MSOA, ward or district code.` });
      return;
    }
    const ageRaw = raw(col.age_band);
    const age_band = ageRaw ? (AGE_BANDS.find((a) => a === ageRaw) ?? null) : null;
    if (ageRaw && !age_band) {
      problems.push({ line, column: header[col.age_band]!, message: `“${ageRaw}” is not one of the age bands ${AGE_BANDS.join(', ')}.` });
      return;
    }
    rows.push({ group, population, area, age_band });
  });
  if (problems.length === 0 && !rows.some((r) => r.group === 'White')) problems.push({ line: 1, column: 'group', message: 'There is no White row: the relative rate index needs the White group as its reference.' });
  return { rows: problems.length ? [] : rows, problems };
}

/** Replaces the loaded denominator table (in one transaction) with valid rows. */
export async function saveDenominators(db: Db, rows: readonly DenominatorRow[], fileName: string): Promise<void> {
  await db.exec(DENOMINATOR_DDL);
  await db.createTableFromColumns('_denominators', [
    { name: 'group', type: 'VARCHAR', values: rows.map((r) => r.group) },
    { name: 'population', type: 'DOUBLE', values: rows.map((r) => r.population) },
    { name: 'area', type: 'VARCHAR', values: rows.map((r) => r.area) },
    { name: 'age_band', type: 'VARCHAR', values: rows.map((r) => r.age_band) },
  ]);
  try {
    await inTransaction(db, async () => {
      await db.query(`DELETE FROM denominators`);
      await db.query(`INSERT INTO denominators SELECT "group", population, area, age_band, ? FROM _denominators`, [fileName]);
    });
  } finally {
    await db.exec(`DROP TABLE IF EXISTS _denominators`);
  }
}

export async function clearDenominators(db: Db): Promise<void> {
  await db.exec(`${DENOMINATOR_DDL}; DELETE FROM denominators`);
}

export interface Denominators {
  populations: Record<PopulationGroup, number>;
  /** what the screen names as the denominator */
  label: string;
  /** said beside the figures when the area or age filter could not be honoured */
  caveat: string | null;
  userLoaded: boolean;
}

/**
 * The populations in use for the filters: the user's table when one is loaded (its rows for the
 * filtered area and age bands where it has them), else Census 2021 (TS021) for the filtered area,
 * or the region when there is none, summed from its LSOAs.
 */
export async function denominatorsFor(db: Db, area: string | null, ages: readonly string[], region: Region): Promise<Denominators> {
  await db.exec(DENOMINATOR_DDL);
  const user = await db.query<{ group: string; population: number; area: string | null; age_band: string | null; file_name: string }>(`SELECT * FROM denominators`);
  const empty = () => Object.fromEntries(POPULATION_GROUPS.map((g) => [g, 0])) as Record<PopulationGroup, number>;
  if (user.length > 0) {
    const fileName = user[0]!.file_name;
    let rows = user;
    const caveats: string[] = [];
    const hasAreas = rows.some((r) => r.area);
    if (area && hasAreas && rows.some((r) => r.area === area)) rows = rows.filter((r) => r.area === area);
    else if (area) caveats.push(`${fileName} has no rows for the filtered area, so its totals for the whole area are used`);
    else if (hasAreas && rows.some((r) => !r.area)) rows = rows.filter((r) => !r.area);
    const hasAges = rows.some((r) => r.age_band);
    if (ages.length > 0 && hasAges) rows = rows.filter((r) => r.age_band && ages.includes(r.age_band));
    else if (ages.length > 0) caveats.push(`${fileName} has no age bands, so all ages are used`);
    const populations = empty();
    for (const r of rows) if (r.group in populations) populations[r.group as PopulationGroup] += r.population;
    return { populations, label: `your denominator table (${fileName})`, caveat: caveats.length ? caveats.join('; ') + '.' : null, userLoaded: true };
  }
  const census = await db.query<{ ethnicity: string; population: number; place: string | null }>(
    `SELECT e.ethnicity, sum(e.population)::INTEGER AS population,
       any_value(CASE WHEN l.lsoa21cd = ? THEN l.lsoa21nm WHEN l.msoa21cd = ? THEN l.msoa_name WHEN l.ward_code = ? THEN l.ward_name WHEN l.lad24cd = ? THEN l.lad24nm END) AS place
     FROM ref_lsoa_ethnicity e JOIN ref_lsoa l USING (lsoa21cd)
     WHERE ${inRegionSql(region, 'l.lad24cd')} AND (? IS NULL OR ? IN (l.lsoa21cd, l.msoa21cd, l.ward_code, l.lad24cd))
     GROUP BY 1`,
    [area, area, area, area, area, area],
  );
  const populations = empty();
  for (const r of census) if (r.ethnicity in populations) populations[r.ethnicity as PopulationGroup] = r.population;
  const place = area ? (census[0]?.place ?? area) : `${regionName(region)}`;
  const caveats = [
    ...(area && census.length === 0 ? [`The Census has no residents for ${area} in ${regionName(region)}, so no rate can be given`] : []),
    ...(ages.length ? ['The Census populations are for all ages; load an age-banded denominator table for age-specific rates'] : []),
  ];
  return { populations, label: `Census 2021, residents of ${place} of all ages`, caveat: caveats.length ? caveats.join('. ') + '.' : null, userLoaded: false };
}
