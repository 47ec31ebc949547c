import type { SqlValue } from '@/data/db-types';
import { filtersToSql, type Filters } from '@/data/filters';
import { EVENTS_STORE, LSOA_INDEX } from '@/data/schema';
import { inRegionSql, type Region } from '@/data/region';

// Linking records across agencies by the pseudonymous person_ref (as `pid`, its 64-bit hash, in
// the stored events behind the `events` view). Every filter value and every setting (window,
// threshold) is bound.

const PEOPLE = `('police', 'ambulance', 'ed', 'yjs')`;
/**
 * Figures by month and by ward from one scan with two grouping sets: `per` says which a row is
 * ('month' or 'ward'), `key` is its month (YYYY-MM) or ward code ('Unknown' when not placed in the
 * region). The scan groups by LSOA number (see LSOA_INDEX), and the few LSOA rows are summed into
 * wards after; a record with no LSOA but the ward and district of a split 2011 code is grouped by
 * those. `counts` are the scan's named aggregates (`count(*) … AS name`), each summed to an INTEGER.
 */
function byMonthAndWard(counts: readonly (readonly [name: string, aggregate: string])[], from: string, region: Region): string {
  const names = counts.map(([name]) => name);
  // month rows have no LSOA number, so only ward rows find one
  return `SELECT per, key, ${names.map((n) => `sum(${n})::INTEGER AS ${n}`).join(', ')} FROM (
      SELECT g.*, CASE WHEN per = 'month' THEN strftime(m, '%Y-%m')
          ELSE coalesce(CASE WHEN ${inRegionSql(region, 'coalesce(x.lad24cd, g.split_lad)')} THEN coalesce(x.ward_code, g.split_ward) END, 'Unknown') END AS key FROM (
        SELECT CASE WHEN GROUPING(event_month) = 0 THEN 'month' ELSE 'ward' END AS per, event_month AS m, lsoa_ix, split_ward, split_lad,
          ${counts.map(([name, agg]) => `${agg} AS ${name}`).join(', ')}
        FROM (SELECT *, CASE WHEN lsoa_ix IS NULL THEN ward_code END AS split_ward, CASE WHEN lsoa_ix IS NULL THEN lad24cd END AS split_lad ${from})
        GROUP BY GROUPING SETS ((event_month), (lsoa_ix, split_ward, split_lad))) g
      LEFT JOIN ${LSOA_INDEX} x ON x.lsoa_ix = g.lsoa_ix)
    GROUP BY per, key ORDER BY per, key`;
}
/** Sources that link children, alphabetically: a child's set of sources is a bit mask over them. */
const LINKING = ['ambulance', 'ed', 'police', 'yjs'] as const;
const SOURCE_BITS = `CASE source ${LINKING.map((s, i) => `WHEN '${s}' THEN ${1 << i}`).join(' ')} END`;
const COMBINATION = `concat_ws('+', ${LINKING.map((s, i) => `CASE WHEN mask & ${1 << i} <> 0 THEN '${s}' END`).join(', ')})`;

export interface Query {
  sql: string;
  params: SqlValue[];
}

/** Distinct children by the combination of sources they appear in; unlinkable records by source. */
export function overlapSql(filters: Filters): { combos: Query; unlinkable: Query } {
  const where = filtersToSql(filters);
  return {
    // each child's sources as bits of one number (ambulance 1, ed 2, police 4, yjs 8), named after
    combos: {
      sql: `WITH p AS (SELECT bit_or(${SOURCE_BITS}) AS mask FROM ${EVENTS_STORE}
          WHERE ${where.sql} AND pid IS NOT NULL AND source IN ${PEOPLE} GROUP BY pid)
        SELECT ${COMBINATION} AS combination, bit_count(mask)::INTEGER AS sources, count(*)::INTEGER AS children FROM p GROUP BY mask ORDER BY children DESC, combination`,
      params: where.params,
    },
    unlinkable: {
      sql: `SELECT source::VARCHAR AS source, count(*)::INTEGER AS records FROM ${EVENTS_STORE} WHERE ${where.sql} AND person_ref IS NULL AND source IN ${PEOPLE} GROUP BY 1 ORDER BY 1`,
      params: where.params,
    },
  };
}

/**
 * ED and ambulance events, and how many belong to a child with no police record within `days`
 * days either side (police records of any kind, whatever the filters: the question is whether
 * the police know the child at all; the stored `police_gap_days` is the distance to the nearest).
 * Events without a person_ref cannot be checked and are counted apart. Grouped by month or by ward.
 */
export function healthOnlySql(filters: Filters, days: number): Query {
  const where = filtersToSql(filters);
  return {
    sql: byMonthAndWard(
      [
        ['linkable', 'count(*) FILTER (WHERE person_ref IS NOT NULL)'],
        ['health_only', 'count(*) FILTER (WHERE person_ref IS NOT NULL AND (police_gap_days IS NULL OR police_gap_days > ?))'],
        ['unlinkable', 'count(*) FILTER (WHERE person_ref IS NULL)'],
      ],
      `FROM ${EVENTS_STORE} WHERE ${where.sql} AND source IN ('ed', 'ambulance')`,
      filters.region,
    ),
    params: [days, ...where.params],
  };
}

const PERSON_EVENTS = (where: string) =>
  `SELECT pid, person_ref, event_date, source, category, ward_code FROM ${EVENTS_STORE} WHERE ${where} AND pid IS NOT NULL AND source IN ${PEOPLE}`;

/**
 * Each child's crossing: the first date on which they have `threshold` events within 12 months
 * (365 days). With a child's events in date order, that is the first event whose (threshold − 1)th
 * predecessor is at most 364 days before it, which a lag finds without counting a window per row.
 */
// One sort of every event by child and date (comparing the child k rows back) is much faster
// than a window partitioned by child: most children have only a few events.
const CROSSINGS = `w AS (SELECT pid, event_date, lag(pid, ?) OVER o AS back_pid, lag(event_date, ?) OVER o AS back_date FROM e WINDOW o AS (ORDER BY pid, event_date)),
        c AS (SELECT pid, min(event_date) AS crossed FROM w WHERE back_pid = pid AND event_date - back_date <= 364 GROUP BY pid)`;

/** When each child first reaches `threshold` events within 12 months (365 days), counted by month. */
export function crossingsSql(filters: Filters, threshold: number): Query {
  const where = filtersToSql(filters);
  return {
    sql: `WITH e AS (${PERSON_EVENTS(where.sql)}), ${CROSSINGS}
      SELECT strftime(m, '%Y-%m') AS month, children::INTEGER AS children
      FROM (SELECT date_trunc('month', crossed) AS m, count(*) AS children FROM c GROUP BY m) ORDER BY month`,
    params: [...where.params, threshold - 1, threshold - 1],
  };
}

/**
 * The children who crossed the line, most events first; timeline entries are date|source|category|ward.
 * `most_in_12` is the most events in any 12 months, counted only for these children.
 */
export function repeatChildrenSql(filters: Filters, threshold: number, limit = 200): Query {
  const where = filtersToSql(filters);
  return {
    sql: `WITH e AS (${PERSON_EVENTS(where.sql)}), ${CROSSINGS},
        ce AS (SELECT e.* FROM e JOIN c USING (pid)),
        n AS (SELECT pid, max(n12)::INTEGER AS most_in_12 FROM (
          SELECT pid, count(*) OVER (PARTITION BY pid ORDER BY event_date RANGE BETWEEN INTERVAL 364 DAYS PRECEDING AND CURRENT ROW) AS n12 FROM ce) GROUP BY pid)
      SELECT any_value(ce.person_ref) AS person_ref, strftime(c.crossed, '%Y-%m-%d') AS crossed, n.most_in_12, count(*)::INTEGER AS events,
        array_to_string(list_sort(list_distinct(list(ce.source::VARCHAR))), ', ') AS sources,
        list(concat_ws('|', strftime(ce.event_date, '%Y-%m-%d'), ce.source::VARCHAR, coalesce(ce.category, 'Unknown'), coalesce(r.ward_name, 'Unknown')) ORDER BY ce.event_date, ce.source::VARCHAR) AS timeline
      FROM c JOIN n USING (pid) JOIN ce USING (pid) LEFT JOIN ref_ward r ON r.ward_code = ce.ward_code
      GROUP BY c.pid, c.crossed, n.most_in_12 ORDER BY n.most_in_12 DESC, events DESC, person_ref LIMIT ${Math.max(1, Math.floor(limit))}`,
    params: [...where.params, threshold - 1, threshold - 1],
  };
}

/** Police child victims (under 18) and whether a PPN was submitted, by month and by ward (`per`). */
export function missedReferralsSql(filters: Filters): Query {
  const where = filtersToSql(filters);
  return {
    sql: byMonthAndWard(
      [
        ['victims', 'count(*)'],
        ['submitted', 'count(*) FILTER (WHERE ppn_submitted)'],
        ['missed', 'count(*) FILTER (WHERE NOT ppn_submitted)'],
        ['unknown', 'count(*) FILTER (WHERE ppn_submitted IS NULL)'],
      ],
      `FROM ${EVENTS_STORE} WHERE source = 'police' AND role = 'Victim' AND age < 18 AND ${where.sql}`,
      filters.region,
    ),
    params: where.params,
  };
}

/** Splits rows grouped by month and by ward (see `per`) into the two lists. */
export function splitByMonthAndWard<T extends { per: string }>(rows: readonly T[]): { byMonth: T[]; byWard: T[] } {
  return { byMonth: rows.filter((r) => r.per === 'month'), byWard: rows.filter((r) => r.per === 'ward') };
}
