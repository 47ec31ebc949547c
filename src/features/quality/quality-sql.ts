import { filtersToSql, type Filters } from '@/data/filters';
import { EVENTS_STORE } from '@/data/schema';

export const QUALITY_FIELDS = [
  { key: 'ethnicity', label: 'Ethnicity recorded' },
  { key: 'place', label: 'Place known' },
  { key: 'time', label: 'Time known' },
  { key: 'person', label: 'person_ref present' },
  { key: 'ppn', label: 'PPN recorded (police, victims under 18)' },
] as const;

export type QualityField = (typeof QUALITY_FIELDS)[number]['key'];

/** Per source and month: records, and how many have each field filled in (PPN: of police child victims). */
export function completenessSql(filters: Filters) {
  const where = filtersToSql(filters);
  // the stored events behind `events` carry the police PPN flag, so no join back to `police`
  return {
    sql: `SELECT s::VARCHAR AS source, strftime(m, '%Y-%m') AS month, n::INTEGER AS n, ethnicity::INTEGER AS ethnicity, place::INTEGER AS place,
        time::INTEGER AS time, person::INTEGER AS person, ppn_n::INTEGER AS ppn_n, ppn::INTEGER AS ppn
      FROM (SELECT source AS s, event_month AS m, count(*) AS n,
        count(*) FILTER (WHERE ethnicity <> 'Not recorded') AS ethnicity,
        count(*) FILTER (WHERE lsoa21cd IS NOT NULL OR latitude IS NOT NULL) AS place,
        count(*) FILTER (WHERE event_hour IS NOT NULL) AS time,
        count(*) FILTER (WHERE person_ref IS NOT NULL) AS person,
        count(*) FILTER (WHERE source = 'police' AND role = 'Victim' AND age < 18) AS ppn_n,
        count(ppn_submitted) FILTER (WHERE source = 'police' AND role = 'Victim' AND age < 18) AS ppn
      FROM ${EVENTS_STORE} WHERE ${where.sql} GROUP BY s, m)
      ORDER BY source, month`,
    params: where.params,
  };
}

export const WARNINGS_SQL = `SELECT x.file_name, x.source, w.kind, w.count::INTEGER AS count, w.example
  FROM load_warnings w JOIN extracts x USING (extract_id) ORDER BY w.count DESC, x.file_name, w.kind`;
