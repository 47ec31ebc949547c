// The partner extracts the app accepts (shared spec: data contracts). Field names are the
// contract's; aliases are matched after header normalisation.

export type SourceId = 'police' | 'ambulance' | 'ed' | 'yjs' | 'stop_search' | 'street_crime';

export const SOURCE_IDS: readonly SourceId[] = ['police', 'ambulance', 'ed', 'yjs', 'stop_search', 'street_crime'];

export const SOURCE_LABELS: Record<SourceId, string> = {
  police: 'Police',
  ambulance: 'Ambulance',
  ed: 'Emergency department',
  yjs: 'Youth Justice Service',
  stop_search: 'police.uk stop and search',
  street_crime: 'police.uk street crime',
};

export interface FieldSpec {
  name: string;
  aliases?: readonly string[];
  required?: boolean;
}

const PLACE: readonly FieldSpec[] = [
  { name: 'lsoa21cd', aliases: ['lsoa', 'lsoa_code', 'lsoa21'] },
  { name: 'latitude', aliases: ['lat'] },
  { name: 'longitude', aliases: ['lon', 'lng', 'long'] },
  { name: 'easting', aliases: ['x'] },
  { name: 'northing', aliases: ['y'] },
];

const PERSON: readonly FieldSpec[] = [
  { name: 'age', aliases: ['age_at_offence'] },
  { name: 'sex', aliases: ['gender'] },
  { name: 'ethnicity', aliases: ['self_defined_ethnicity'] },
  { name: 'person_ref', aliases: ['person_id', 'pseudo_id'] },
];

export const FIELDS: Record<SourceId, readonly FieldSpec[]> = {
  police: [
    { name: 'crime_ref', aliases: ['crime_id', 'crime_reference', 'urn'], required: true },
    { name: 'role', aliases: ['person_role', 'involvement'], required: true },
    { name: 'occurred_date', aliases: ['offence_date', 'date', 'occurred_at', 'committed_date'], required: true },
    { name: 'occurred_time', aliases: ['offence_time', 'time'] },
    { name: 'offence_group', aliases: ['crime_type', 'offence_category'], required: true },
    { name: 'offence', aliases: ['offence_description', 'ho_offence'] },
    { name: 'weapon', aliases: ['weapon_used'] },
    { name: 'knife_flag' },
    ...PLACE,
    ...PERSON,
    { name: 'officer_defined_ethnicity' },
    { name: 'ppn_submitted', aliases: ['ppn', 'ppn_flag'] },
  ],
  ambulance: [
    { name: 'incident_ref', aliases: ['incident_id', 'cad_ref'], required: true },
    { name: 'call_at', aliases: ['call_datetime', 'call_date', 'incident_datetime'], required: true },
    { name: 'call_reason', aliases: ['chief_complaint', 'protocol', 'nature'], required: true },
    { name: 'priority', aliases: ['category'] },
    ...PLACE,
    ...PERSON,
    { name: 'conveyed', aliases: ['taken_to_hospital'] },
    { name: 'safeguarding_referral', aliases: ['safeguarding'] },
  ],
  ed: [
    { name: 'attendance_ref', aliases: ['attendance_id', 'ed_ref'], required: true },
    { name: 'arrival_at', aliases: ['arrival_datetime', 'arrival_date'], required: true },
    { name: 'assault_at', aliases: ['assault_datetime', 'assault_date'] },
    { name: 'assault_method', aliases: ['method', 'weapon'], required: true },
    { name: 'assault_location_type', aliases: ['location_type'] },
    { name: 'assault_location_description', aliases: ['location_description'] },
    { name: 'lsoa21cd', aliases: ['assault_lsoa21cd', 'assault_lsoa', 'lsoa', 'lsoa_code', 'lsoa21'] },
    { name: 'latitude', aliases: ['assault_latitude', 'lat'] },
    { name: 'longitude', aliases: ['assault_longitude', 'lon', 'lng', 'long'] },
    { name: 'easting', aliases: ['assault_easting', 'x'] },
    { name: 'northing', aliases: ['assault_northing', 'y'] },
    { name: 'home_lsoa21cd', aliases: ['home_lsoa'] },
    ...PERSON,
    { name: 'navigator_engaged', aliases: ['navigator'] },
    { name: 'onward_referral', aliases: ['referral'] },
  ],
  yjs: [
    { name: 'yjs_ref', aliases: ['case_ref', 'yjs_id'], required: true },
    { name: 'person_ref', required: true },
    { name: 'offence_date', required: true },
    { name: 'outcome_date', aliases: ['disposal_date'] },
    { name: 'offence_type', aliases: ['offence_category'], required: true },
    { name: 'outcome', aliases: ['disposal'] },
    { name: 'weapon' },
    { name: 'lsoa21cd', aliases: ['offence_lsoa21cd', 'offence_lsoa', 'lsoa', 'lsoa_code', 'lsoa21'] },
    { name: 'latitude', aliases: ['lat'] },
    { name: 'longitude', aliases: ['lon', 'lng', 'long'] },
    { name: 'easting', aliases: ['x'] },
    { name: 'northing', aliases: ['y'] },
    { name: 'home_lsoa21cd', aliases: ['home_lsoa'] },
    { name: 'age', aliases: ['age_at_offence'] },
    { name: 'sex', aliases: ['gender'] },
    { name: 'ethnicity', aliases: ['self_defined_ethnicity'] },
    { name: 'send' },
    { name: 'ehcp' },
    { name: 'looked_after' },
    { name: 'first_time_entrant' },
    { name: 'exploitation_concern' },
  ],
  stop_search: [
    { name: 'type', required: true },
    { name: 'date', required: true },
    { name: 'part_of_a_policing_operation' },
    { name: 'policing_operation' },
    { name: 'latitude' },
    { name: 'longitude' },
    { name: 'gender' },
    { name: 'age_range', required: true },
    { name: 'self_defined_ethnicity' },
    { name: 'officer_defined_ethnicity' },
    { name: 'legislation' },
    { name: 'object_of_search', required: true },
    { name: 'outcome' },
    { name: 'outcome_linked_to_object_of_search' },
    { name: 'removal_of_more_than_just_outer_clothing' },
  ],
  street_crime: [
    { name: 'crime_id', required: true },
    { name: 'month', required: true },
    { name: 'reported_by', required: true },
    { name: 'falls_within', required: true },
    { name: 'longitude' },
    { name: 'latitude' },
    { name: 'location' },
    { name: 'lsoa_code' },
    { name: 'lsoa_name' },
    { name: 'crime_type', required: true },
    { name: 'last_outcome_category' },
    { name: 'context' },
  ],
};

/** Header matching: case-insensitive after trimming; spaces, hyphens and dots count as underscores. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s.-]+/g, '_')
    .replace(/_+/g, '_');
}

/** field name → the file's header it reads from */
export type ColumnMapping = Record<string, string>;

/** Matches a file's headers to a source's fields, by name first and then by alias in listed order. */
export function mapColumns(source: SourceId, headers: readonly string[]): ColumnMapping {
  const byNorm = new Map<string, string>();
  for (const h of headers) {
    const n = normaliseHeader(h);
    if (!byNorm.has(n)) byNorm.set(n, h);
  }
  const used = new Set<string>();
  const mapping: ColumnMapping = {};
  const fields = FIELDS[source];
  // Exact names win over aliases, so a file with both `weapon` and `method` maps each to its own field.
  for (const f of fields) {
    const h = byNorm.get(f.name);
    if (h !== undefined && !used.has(h)) {
      mapping[f.name] = h;
      used.add(h);
    }
  }
  for (const f of fields) {
    if (mapping[f.name]) continue;
    for (const alias of f.aliases ?? []) {
      const h = byNorm.get(alias);
      if (h !== undefined && !used.has(h)) {
        mapping[f.name] = h;
        used.add(h);
        break;
      }
    }
  }
  return mapping;
}

export function missingRequired(source: SourceId, mapping: ColumnMapping): string[] {
  return FIELDS[source].filter((f) => f.required && !mapping[f.name]).map((f) => f.name);
}

/**
 * Recognises the source from the headers: among sources whose required fields are all present,
 * the one that matches the most fields. Null when none fits.
 */
export function detectSource(headers: readonly string[]): SourceId | null {
  let best: { source: SourceId; score: number } | null = null;
  for (const source of SOURCE_IDS) {
    const mapping = mapColumns(source, headers);
    if (missingRequired(source, mapping).length > 0) continue;
    const score = Object.keys(mapping).length;
    if (!best || score > best.score) best = { source, score };
  }
  return best?.source ?? null;
}
