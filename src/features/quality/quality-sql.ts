import { filtersToSql, type Filters } from '@/data/filters';

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
  const where = filtersToSql(filters, 'e');
  return {
    sql: `SELECT e.source, strftime(e.event_month, '%Y-%m') AS month, count(*)::INTEGER AS n,
        count(*) FILTER (WHERE e.ethnicity <> 'Not recorded')::INTEGER AS ethnicity,
        count(*) FILTER (WHERE e.lsoa21cd IS NOT NULL OR e.latitude IS NOT NULL)::INTEGER AS place,
        count(*) FILTER (WHERE e.event_hour IS NOT NULL)::INTEGER AS time,
        count(*) FILTER (WHERE e.person_ref IS NOT NULL)::INTEGER AS person,
        count(*) FILTER (WHERE e.source = 'police' AND e.role = 'Victim' AND e.age < 18)::INTEGER AS ppn_n,
        count(p.ppn_submitted) FILTER (WHERE e.source = 'police' AND e.role = 'Victim' AND e.age < 18)::INTEGER AS ppn
      FROM events e LEFT JOIN police p ON e.source = 'police' AND p.record_ref = e.record_ref
      WHERE ${where.sql} GROUP BY ALL ORDER BY e.source, month`,
    params: where.params,
  };
}

export const WARNINGS_SQL = `SELECT x.file_name, x.source, w.kind, w.count::INTEGER AS count, w.example
  FROM load_warnings w JOIN extracts x USING (extract_id) ORDER BY w.count DESC, x.file_name, w.kind`;
