import type { SqlValue } from '@/data/db-types';
import { filtersToSql, type Filters } from '@/data/filters';

// Linking records across agencies by the pseudonymous person_ref. Every filter value and every
// setting (window, threshold) is bound.

const PEOPLE = `('police', 'ambulance', 'ed', 'yjs')`;

export interface Query {
  sql: string;
  params: SqlValue[];
}

/** Distinct children by the combination of sources they appear in; unlinkable records by source. */
export function overlapSql(filters: Filters): { combos: Query; unlinkable: Query } {
  const where = filtersToSql(filters);
  return {
    combos: {
      sql: `WITH p AS (SELECT person_ref, list_sort(list_distinct(list(source))) AS combo FROM events
          WHERE ${where.sql} AND person_ref IS NOT NULL AND source IN ${PEOPLE} GROUP BY person_ref)
        SELECT array_to_string(combo, '+') AS combination, len(combo)::INTEGER AS sources, count(*)::INTEGER AS children FROM p GROUP BY ALL ORDER BY children DESC, combination`,
      params: where.params,
    },
    unlinkable: {
      sql: `SELECT source, count(*)::INTEGER AS records FROM events WHERE ${where.sql} AND person_ref IS NULL AND source IN ${PEOPLE} GROUP BY source ORDER BY source`,
      params: where.params,
    },
  };
}

/**
 * ED and ambulance events, and how many belong to a child with no police record within `days`
 * days either side (police records of any kind, whatever the filters: the question is whether
 * the police know the child at all). Events without a person_ref cannot be checked and are
 * counted apart. Grouped by month or by ward.
 */
export function healthOnlySql(filters: Filters, days: number, by: 'month' | 'ward'): Query {
  const where = filtersToSql(filters);
  const key = by === 'month' ? `strftime(h.event_month, '%Y-%m')` : `coalesce(h.ward_code, 'Unknown')`;
  return {
    sql: `WITH h AS (SELECT row_number() OVER () AS hid, * FROM events WHERE ${where.sql} AND source IN ('ed', 'ambulance')),
        seen AS (SELECT DISTINCT h.hid FROM h JOIN events p ON p.source = 'police' AND p.person_ref = h.person_ref
          WHERE abs(date_diff('day', p.event_date, h.event_date)) <= ?)
      SELECT ${key} AS key,
        count(*) FILTER (WHERE h.person_ref IS NOT NULL)::INTEGER AS linkable,
        count(*) FILTER (WHERE h.person_ref IS NOT NULL AND seen.hid IS NULL)::INTEGER AS health_only,
        count(*) FILTER (WHERE h.person_ref IS NULL)::INTEGER AS unlinkable
      FROM h LEFT JOIN seen ON seen.hid = h.hid GROUP BY ALL ORDER BY key`,
    params: [...where.params, days],
  };
}

const PERSON_EVENTS = (where: string) => `SELECT person_ref, event_date, source, category, ward_code FROM events WHERE ${where} AND person_ref IS NOT NULL AND source IN ${PEOPLE}`;

/** When each child first reaches `threshold` events within 12 months (365 days), counted by month. */
export function crossingsSql(filters: Filters, threshold: number): Query {
  const where = filtersToSql(filters);
  return {
    sql: `WITH e AS (${PERSON_EVENTS(where.sql)}),
        w AS (SELECT person_ref, event_date, count(*) OVER (PARTITION BY person_ref ORDER BY event_date RANGE BETWEEN INTERVAL 364 DAYS PRECEDING AND CURRENT ROW) AS n12 FROM e),
        c AS (SELECT person_ref, min(event_date) AS crossed FROM w WHERE n12 >= ? GROUP BY person_ref)
      SELECT strftime(crossed, '%Y-%m') AS month, count(*)::INTEGER AS children FROM c GROUP BY ALL ORDER BY month`,
    params: [...where.params, threshold],
  };
}

/** The children who crossed the line, most events first; timeline entries are date|source|category|ward. */
export function repeatChildrenSql(filters: Filters, threshold: number, limit = 200): Query {
  const where = filtersToSql(filters);
  return {
    sql: `WITH e AS (${PERSON_EVENTS(where.sql)}),
        w AS (SELECT person_ref, event_date, count(*) OVER (PARTITION BY person_ref ORDER BY event_date RANGE BETWEEN INTERVAL 364 DAYS PRECEDING AND CURRENT ROW) AS n12 FROM e),
        c AS (SELECT person_ref, min(event_date) AS crossed, max(n12)::INTEGER AS most_in_12 FROM w WHERE n12 >= ? GROUP BY person_ref)
      SELECT c.person_ref, strftime(c.crossed, '%Y-%m-%d') AS crossed, c.most_in_12, count(*)::INTEGER AS events,
        array_to_string(list_sort(list_distinct(list(e.source))), ', ') AS sources,
        list(concat_ws('|', strftime(e.event_date, '%Y-%m-%d'), e.source, coalesce(e.category, 'Unknown'), coalesce(r.ward_name, 'Unknown')) ORDER BY e.event_date, e.source) AS timeline
      FROM c JOIN e USING (person_ref) LEFT JOIN ref_ward r ON r.ward_code = e.ward_code
      GROUP BY c.person_ref, c.crossed, c.most_in_12 ORDER BY c.most_in_12 DESC, events DESC, c.person_ref LIMIT ${Math.max(1, Math.floor(limit))}`,
    params: [...where.params, threshold],
  };
}

/** Police child victims (under 18) and whether a PPN was submitted, by month or ward. */
export function missedReferralsSql(filters: Filters, by: 'month' | 'ward'): Query {
  const where = filtersToSql(filters, 'e');
  const key = by === 'month' ? `strftime(e.event_month, '%Y-%m')` : `coalesce(e.ward_code, 'Unknown')`;
  return {
    sql: `SELECT ${key} AS key, count(*)::INTEGER AS victims,
        count(*) FILTER (WHERE p.ppn_submitted)::INTEGER AS submitted,
        count(*) FILTER (WHERE NOT p.ppn_submitted)::INTEGER AS missed,
        count(*) FILTER (WHERE p.ppn_submitted IS NULL)::INTEGER AS unknown
      FROM events e JOIN police p ON p.record_ref = e.record_ref
      WHERE e.source = 'police' AND e.role = 'Victim' AND e.age < 18 AND ${where.sql} GROUP BY ALL ORDER BY key`,
    params: where.params,
  };
}
