import type { Db, SqlValue } from './db-types';
import { filtersToSql, type Filters } from './filters';
import { EVENTS_STORE, LSOA_INDEX } from './schema';
import { inAreaSql, inRegionSql, regionName, type Region } from './region';
import { RESIDENTS_COLUMN, RESIDENTS_LABEL, residentsAgeSql, type Residents } from './residents';

// Aggregates over the events that several views share. They read `_events_store`, the stored rows
// behind the `events` view (same rows and columns, closed vocabularies kept as ENUMs, which are
// faster to group and filter). SQL text is built from fixed column names only; every filter value
// is bound.

export const DIMENSIONS = ['source', 'ward_code', 'msoa21cd', 'lsoa21cd', 'age_band', 'sex', 'ethnicity', 'weapon', 'category'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface MonthlyCount {
  /** YYYY-MM */
  month: string;
  /** the dimension's value ('' for the whole series) */
  key: string;
  n: number;
  /** records not known to be outside the reference area: the numerator of area rates */
  n_in_area: number;
}

/**
 * Counts per month (and per value of a dimension), under the filters; for a rate of residents of
 * some ages (`residents`), only the records of people of those ages.
 */
export function monthlyCountsSql(filters: Filters, by: Dimension | null, residents: Residents = 'all') {
  const filtered = filtersToSql(filters);
  const where = residents === 'all' ? filtered : { ...filtered, sql: `${filtered.sql} AND ${residentsAgeSql(residents)}` };
  // grouped on the stored values first, formatted after: formatting every row's month and key
  // before grouping cost more than the counting itself
  const key = by ?? `''`;
  const counted = `count(*) AS n, count(*) FILTER (WHERE ${inAreaSql(filters.region)} IS DISTINCT FROM false) AS n_in FROM ${EVENTS_STORE} WHERE ${where.sql}`;
  // wards and MSOAs by the LSOA's number first (see LSOA_INDEX): a row has an MSOA exactly when
  // it has that number, and a ward then or when it has none but a split 2011 code gave it one (sw,
  // with its district sl); those outside the region count as Unknown
  const split = (col: string) => (by === 'ward_code' ? `CASE WHEN lsoa_ix IS NULL THEN ${col} END` : 'NULL::VARCHAR');
  const grouped =
    by === 'ward_code' || by === 'msoa21cd'
      ? `SELECT m, CASE WHEN ${inRegionSql(filters.region, 'coalesce(x.lad24cd, sl)')} THEN coalesce(x.${by}, sw) END AS k, sum(n) AS n, sum(n_in) AS n_in
        FROM (SELECT event_month AS m, lsoa_ix, ${split('ward_code')} AS sw, ${split('lad24cd')} AS sl, ${counted} GROUP BY m, lsoa_ix, sw, sl)
        LEFT JOIN ${LSOA_INDEX} x USING (lsoa_ix) GROUP BY m, k`
      : `SELECT event_month AS m, ${key} AS k, ${counted} GROUP BY m, k`;
  return {
    sql: `SELECT strftime(m, '%Y-%m') AS month, coalesce(k::VARCHAR, 'Unknown') AS key, n::INTEGER AS n, n_in::INTEGER AS n_in_area
      FROM (${grouped})
      ORDER BY month, key`,
    params: where.params,
  };
}

export async function monthlyCounts(db: Db, filters: Filters, by: Dimension | null, residents: Residents = 'all'): Promise<MonthlyCount[]> {
  const q = monthlyCountsSql(filters, by, residents);
  return db.query<MonthlyCount & Record<string, string | number>>(q.sql, q.params);
}

export interface DataSpan {
  /** YYYY-MM of the first and last months with any record, whatever the filters */
  first: string | null;
  last: string | null;
  /** the latest month known to be complete: the last month if its last day has records, else the one before */
  latestComplete: string | null;
}

export const DATA_SPAN_SQL = `SELECT strftime(min(event_date), '%Y-%m') AS first, strftime(max(event_date), '%Y-%m') AS last,
  strftime(CASE WHEN max(event_date) = last_day(max(event_date)) THEN max(event_date) ELSE date_trunc('month', max(event_date)) - INTERVAL 1 DAY END, '%Y-%m') AS latest_complete
  FROM ${EVENTS_STORE}`;

export async function dataSpan(db: Db): Promise<DataSpan> {
  const [r] = await db.query<{ first: string | null; last: string | null; latest_complete: string | null }>(DATA_SPAN_SQL);
  return { first: r?.first ?? null, last: r?.last ?? null, latestComplete: r?.latest_complete ?? null };
}

export interface Population {
  population: number;
  /** what the number is, for the screen: "Leeds residents (Census 2021)" */
  label: string;
}

/** Residents of the filtered area (or of the region), Census 2021, of all ages or the ages asked for. */
export async function residentPopulation(db: Db, area: string | null, region: Region, residents: Residents = 'all'): Promise<Population> {
  const column = RESIDENTS_COLUMN[residents];
  const ages = RESIDENTS_LABEL[residents];
  if (!area) {
    const [r] = await db.query<{ p: number }>(`SELECT sum(${column})::INTEGER AS p FROM ref_lsoa WHERE ${inRegionSql(region)}`);
    return { population: r?.p ?? 0, label: `${regionName(region)} residents, ${ages} (Census 2021)` };
  }
  const [r] = await db.query<{ p: number; name: string }>(
    `SELECT sum(${column})::INTEGER AS p,
       any_value(CASE WHEN lsoa21cd = ? THEN lsoa21nm WHEN msoa21cd = ? THEN msoa_name WHEN ward_code = ? THEN ward_name WHEN lad24cd = ? THEN lad24nm END) AS name
     FROM ref_lsoa WHERE lsoa21cd = ? OR msoa21cd = ? OR ward_code = ? OR lad24cd = ?`,
    [area, area, area, area, area, area, area, area],
  );
  return { population: r?.p ?? 0, label: `residents of ${r?.name ?? area}, ${ages} (Census 2021)` };
}

export interface HourCell {
  /** ISO day of week: 1 Monday … 7 Sunday */
  dow: number;
  hour: number;
  n: number;
}

/** Counts by day of week and hour in one scan; the row with a NULL hour counts records with no known hour. */
export function weekHourSql(filters: Filters) {
  const where = filtersToSql(filters);
  return {
    sql: `SELECT isodow(d)::INTEGER AS dow, h AS hour, sum(n)::INTEGER AS n
      FROM (SELECT event_date AS d, event_hour AS h, count(*) AS n FROM ${EVENTS_STORE} WHERE ${where.sql} GROUP BY d, h)
      GROUP BY ALL ORDER BY dow, hour`,
    params: where.params,
  };
}

export async function weekHourCounts(db: Db, filters: Filters): Promise<{ cells: HourCell[]; unknownHour: number }> {
  const q = weekHourSql(filters);
  const rows = await db.query<{ dow: number; hour: number | null; n: number }>(q.sql, q.params);
  const cells: HourCell[] = [];
  let unknownHour = 0;
  for (const r of rows) {
    if (r.hour === null) unknownHour += r.n;
    else cells.push({ dow: r.dow, hour: r.hour, n: r.n });
  }
  return { cells, unknownHour };
}

/** Sources that record people: the ones "children affected" can count. */
export const PEOPLE_SOURCES = ['police', 'ambulance', 'ed', 'yjs'] as const;

/**
 * Children under 18 affected per month: each pseudonymous person once a month, and each record
 * with no person_ref once (it cannot be linked, so it may double count a child).
 */
export function childrenAffectedSql(filters: Filters) {
  const where = filtersToSql(filters);
  const inArea = inAreaSql(filters.region);
  return {
    sql: `SELECT strftime(m, '%Y-%m') AS month, '' AS key, n::INTEGER AS n, n_in::INTEGER AS n_in_area FROM (
        SELECT event_month AS m,
          count(DISTINCT person_ref) + count(*) FILTER (WHERE person_ref IS NULL) AS n,
          count(DISTINCT person_ref) FILTER (WHERE ${inArea} IS DISTINCT FROM false) + count(*) FILTER (WHERE person_ref IS NULL AND ${inArea} IS DISTINCT FROM false) AS n_in
        FROM ${EVENTS_STORE} WHERE ${where.sql} AND age < 18 AND source IN (${PEOPLE_SOURCES.map((s) => `'${s}'`).join(', ')})
        GROUP BY m)
      ORDER BY month`,
    params: where.params,
  };
}

/** First-time entrants to the youth justice system per month of offence (YJS records only). */
export function firstTimeEntrantsSql(filters: Filters) {
  const where = filtersToSql(filters, 'e');
  return {
    sql: `SELECT strftime(m, '%Y-%m') AS month, '' AS key, n::INTEGER AS n, n_in::INTEGER AS n_in_area FROM (
        SELECT e.event_month AS m, count(DISTINCT coalesce(e.person_ref, e.record_ref)) AS n,
          count(DISTINCT coalesce(e.person_ref, e.record_ref)) FILTER (WHERE ${inAreaSql(filters.region, 'e')} IS DISTINCT FROM false) AS n_in
        FROM ${EVENTS_STORE} e WHERE e.source = 'yjs' AND e.first_time_entrant AND ${where.sql} GROUP BY m)
      ORDER BY month`,
    params: where.params,
  };
}

export async function runMonthly(db: Db, q: { sql: string; params: SqlValue[] }): Promise<MonthlyCount[]> {
  return db.query<MonthlyCount & Record<string, string | number>>(q.sql, q.params);
}
