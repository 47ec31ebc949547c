import type { SourceId } from './contracts';
import { mapAgeRange, mapCategory, mapEthnicity, mapRole, mapSex, mapWeapon, mapYesNo, type Mapped } from './vocab';
import { VOCABULARIES, vocabularyValue, type Vocabulary } from '../vocabularies';

// One definition per source drives its table, its normalisation SQL and its part of `events`.
// SQL here reads: f.<field> (trimmed text, NULL when blank or not mapped), ts_<field> (the UK local
// timestamp of each date field, parsed once), tm_<field> (each time field's TIME), m_<field>.value (mapped
// category), pl.* (resolved place), ts (the event's local timestamp).

export type PlainSqlType = 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'DATE' | 'TIMESTAMP' | 'BOOLEAN';

/** A column's type: a plain one, or one of the named ENUM types of the closed vocabularies. */
export type SqlType = PlainSqlType | Vocabulary;

export interface CategoricalSpec {
  field: string;
  type: Vocabulary | 'BOOLEAN';
  map: (raw: string | null) => Mapped<string | boolean | null>;
  /** the warning counted when a non-blank value is not recognised */
  warning: string;
}

export interface OutputColumn {
  name: string;
  type: SqlType;
  sql: string;
}

export interface Rejection {
  /** SQL condition that rejects the row */
  when: string;
  /** SQL text expression for the reason */
  reason: string;
}

export interface EventsProjection {
  person_ref: string;
  event_hour: string;
  age: string;
  age_band: string;
  sex: string;
  ethnicity: string;
  weapon: string;
  category: string;
  role: string;
}

export interface SourceDef {
  id: SourceId;
  dateFields: readonly string[];
  /** fields holding a time of day alone, each parsed once as tm_<field> (NULL when not a time) */
  timeFields?: readonly string[];
  categorical: readonly CategoricalSpec[];
  /** the row's key within its source */
  key: string;
  /** the event's local timestamp, and whether its time of day is known */
  eventTs: string;
  eventHasTime: string;
  rejections: readonly Rejection[];
  /** `true` when places come from lsoa21cd / latitude+longitude / easting+northing fields */
  hasPlace: boolean;
  /** source-specific columns, stored after the common ones */
  columns: readonly OutputColumn[];
  /** extra warnings: kind → SQL condition */
  warnings: Readonly<Record<string, string>>;
  /** how this source's table fills the `events` view's person and category columns */
  events: EventsProjection;
}

const yesNo = (field: string): CategoricalSpec => ({ field, type: 'BOOLEAN', map: mapYesNo, warning: `unrecognised yes/no value in ${field}` });
const sex: CategoricalSpec = { field: 'sex', type: 'vrp_sex', map: mapSex, warning: 'unrecognised sex' };
const ethnicity: CategoricalSpec = { field: 'ethnicity', type: 'vrp_ethnicity', map: mapEthnicity, warning: 'unrecognised ethnicity' };
const weapon = (field: string): CategoricalSpec => ({ field, type: 'vrp_weapon', map: mapWeapon, warning: `unrecognised weapon in ${field}` });
const category = (field: string, type: Vocabulary, aliases: Record<string, string>, fallback: string): CategoricalSpec => ({
  field,
  type,
  map: (raw) => mapCategory(raw, VOCABULARIES[type], aliases, fallback),
  warning: `unrecognised ${field}`,
});
const weaponValue = (w: string) => vocabularyValue('vrp_weapon', w);

const blank = (field: string): Rejection => ({ when: `f.${field} IS NULL`, reason: `'${field} is blank'` });
const badDate = (field: string): Rejection => ({
  when: `ts_${field} IS NULL`,
  reason: `'${field} is not a valid date: "' || f.${field} || '"'`,
});
const futureDate = (field: string): Rejection => ({ when: `CAST(ts_${field} AS DATE) > $today`, reason: `'${field} is after the day the file was loaded'` });
const dateRules = (field: string): Rejection[] => [blank(field), badDate(field), futureDate(field)];

/** Age in whole years 0–120, else NULL. */
const AGE_SQL = `CASE WHEN TRY_CAST(f.age AS DOUBLE) BETWEEN 0 AND 120 AND TRY_CAST(f.age AS DOUBLE) = floor(TRY_CAST(f.age AS DOUBLE)) THEN TRY_CAST(f.age AS DOUBLE)::INTEGER END`;
const AGE_WARNING = `f.age IS NOT NULL AND (${AGE_SQL}) IS NULL`;

const PERSON_COLUMNS: OutputColumn[] = [
  { name: 'age', type: 'INTEGER', sql: AGE_SQL },
  { name: 'age_band', type: 'vrp_age_band', sql: `vrp_age_band(${AGE_SQL})` },
  { name: 'sex', type: 'vrp_sex', sql: 'm_sex.value' },
  { name: 'ethnicity', type: 'vrp_ethnicity', sql: 'm_ethnicity.value' },
];

const PERSON_EVENTS = { age: 'age', age_band: 'age_band', sex: 'sex', ethnicity: 'ethnicity' };

const police: SourceDef = {
  id: 'police',
  dateFields: ['occurred_date'],
  timeFields: ['occurred_time'],
  categorical: [
    { field: 'role', type: 'vrp_role', map: mapRole, warning: 'unrecognised role' },
    category('offence_group', 'vrp_offence_group', { 'possession of weapons offences': 'Possession of weapons', 'violence against the person': 'Violence with injury', murder: 'Homicide', manslaughter: 'Homicide' }, 'Other'),
    weapon('weapon'),
    yesNo('knife_flag'),
    sex,
    ethnicity,
    { field: 'officer_defined_ethnicity', type: 'vrp_ethnicity', map: mapEthnicity, warning: 'unrecognised ethnicity' },
    yesNo('ppn_submitted'),
  ],
  key: `f.crime_ref || '|' || m_role.value || '|' || coalesce(f.person_ref, '')`,
  eventTs: `CASE WHEN vrp_has_time(f.occurred_date) OR tm_occurred_time IS NULL THEN ts_occurred_date
    ELSE ts_occurred_date + to_hours(hour(tm_occurred_time)) + to_minutes(minute(tm_occurred_time)) END`,
  eventHasTime: `vrp_has_time(f.occurred_date) OR tm_occurred_time IS NOT NULL`,
  rejections: [blank('crime_ref'), blank('role'), ...dateRules('occurred_date'), blank('offence_group')],
  hasPlace: true,
  columns: [
    { name: 'crime_ref', type: 'VARCHAR', sql: 'f.crime_ref' },
    { name: 'role', type: 'vrp_role', sql: 'm_role.value' },
    { name: 'person_ref', type: 'VARCHAR', sql: 'f.person_ref' },
    { name: 'occurred_date', type: 'DATE', sql: 'CAST(ts AS DATE)' },
    { name: 'occurred_time', type: 'VARCHAR', sql: `CASE WHEN has_time THEN strftime(ts, '%H:%M') END` },
    { name: 'offence_group', type: 'vrp_offence_group', sql: 'm_offence_group.value' },
    { name: 'offence', type: 'VARCHAR', sql: 'f.offence' },
    {
      name: 'weapon',
      type: 'vrp_weapon',
      sql: `CASE WHEN m_weapon.value = 'Unknown' AND m_knife_flag.value THEN ${weaponValue('Knife or sharp')} ELSE m_weapon.value END`,
    },
    ...PERSON_COLUMNS.slice(0, 3),
    {
      name: 'ethnicity',
      type: 'vrp_ethnicity',
      sql: `CASE WHEN m_ethnicity.value = 'Not recorded' THEN coalesce(m_officer_defined_ethnicity.value, ${vocabularyValue('vrp_ethnicity', 'Not recorded')}) ELSE m_ethnicity.value END`,
    },
    { name: 'officer_defined_ethnicity', type: 'vrp_ethnicity', sql: 'm_officer_defined_ethnicity.value' },
    { name: 'ppn_submitted', type: 'BOOLEAN', sql: 'm_ppn_submitted.value' },
  ],
  warnings: {
    'age not a whole number from 0 to 120': AGE_WARNING,
    'occurred_time not a valid time': `f.occurred_time IS NOT NULL AND tm_occurred_time IS NULL`,
  },
  events: { person_ref: 'person_ref', event_hour: 'event_hour', ...PERSON_EVENTS, weapon: 'weapon', category: 'offence_group', role: 'role' },
};

const ambulance: SourceDef = {
  id: 'ambulance',
  dateFields: ['call_at'],
  categorical: [
    category('call_reason', 'vrp_call_reason', { stab: 'Stab or penetrating wound', stabbing: 'Stab or penetrating wound', 'stab/gunshot/penetrating trauma': 'Stab or penetrating wound', 'penetrating wound': 'Stab or penetrating wound', shooting: 'Gunshot', 'gunshot wound': 'Gunshot', 'assault/sexual assault': 'Assault', 'assault / sexual assault': 'Assault' }, 'Other'),
    sex,
    ethnicity,
    yesNo('conveyed'),
    yesNo('safeguarding_referral'),
  ],
  key: 'f.incident_ref',
  eventTs: 'ts_call_at',
  eventHasTime: 'vrp_has_time(f.call_at)',
  rejections: [blank('incident_ref'), ...dateRules('call_at'), blank('call_reason')],
  hasPlace: true,
  columns: [
    { name: 'incident_ref', type: 'VARCHAR', sql: 'f.incident_ref' },
    { name: 'call_at', type: 'TIMESTAMP', sql: 'ts' },
    { name: 'call_reason', type: 'vrp_call_reason', sql: 'm_call_reason.value' },
    { name: 'priority', type: 'INTEGER', sql: `CASE WHEN TRY_CAST(f.priority AS INTEGER) BETWEEN 1 AND 4 THEN TRY_CAST(f.priority AS INTEGER) END` },
    { name: 'person_ref', type: 'VARCHAR', sql: 'f.person_ref' },
    ...PERSON_COLUMNS,
    {
      name: 'weapon',
      type: 'vrp_weapon',
      sql: `CASE m_call_reason.value WHEN 'Stab or penetrating wound' THEN ${weaponValue('Knife or sharp')} WHEN 'Gunshot' THEN ${weaponValue('Firearm')} ELSE ${weaponValue('Unknown')} END`,
    },
    { name: 'conveyed', type: 'BOOLEAN', sql: 'm_conveyed.value' },
    { name: 'safeguarding_referral', type: 'BOOLEAN', sql: 'm_safeguarding_referral.value' },
  ],
  warnings: {
    'age not a whole number from 0 to 120': AGE_WARNING,
    'priority not 1 to 4': `f.priority IS NOT NULL AND NOT coalesce(TRY_CAST(f.priority AS INTEGER) BETWEEN 1 AND 4, false)`,
    'call_at has no time of day': 'NOT vrp_has_time(f.call_at)',
  },
  events: { person_ref: 'person_ref', event_hour: 'event_hour', ...PERSON_EVENTS, weapon: 'weapon', category: 'call_reason', role: 'NULL' },
};

const ed: SourceDef = {
  id: 'ed',
  dateFields: ['arrival_at', 'assault_at'],
  categorical: [
    weapon('assault_method'),
    category('assault_location_type', 'vrp_location_type', { street: 'Public place', 'public place/street': 'Public place', school: 'School or college', college: 'School or college', pub: 'Licensed premises', 'pub/club': 'Licensed premises', 'bar or club': 'Licensed premises', 'nightclub': 'Licensed premises', work: 'Workplace', 'own home': 'Home', 'private dwelling': 'Home' }, 'Unknown'),
    sex,
    ethnicity,
    yesNo('navigator_engaged'),
  ],
  key: 'f.attendance_ref',
  eventTs: `coalesce(ts_assault_at, ts_arrival_at)`,
  eventHasTime: `CASE WHEN ts_assault_at IS NOT NULL THEN vrp_has_time(f.assault_at) ELSE vrp_has_time(f.arrival_at) END`,
  rejections: [blank('attendance_ref'), ...dateRules('arrival_at'), blank('assault_method')],
  hasPlace: true,
  columns: [
    { name: 'attendance_ref', type: 'VARCHAR', sql: 'f.attendance_ref' },
    { name: 'arrival_at', type: 'TIMESTAMP', sql: 'ts_arrival_at' },
    { name: 'assault_at', type: 'TIMESTAMP', sql: 'ts_assault_at' },
    { name: 'assault_method', type: 'vrp_weapon', sql: 'm_assault_method.value' },
    { name: 'assault_location_type', type: 'vrp_location_type', sql: 'm_assault_location_type.value' },
    { name: 'assault_location_description', type: 'VARCHAR', sql: 'f.assault_location_description' },
    { name: 'home_lsoa21cd', type: 'VARCHAR', sql: `upper(replace(f.home_lsoa21cd, ' ', ''))` },
    { name: 'person_ref', type: 'VARCHAR', sql: 'f.person_ref' },
    ...PERSON_COLUMNS,
    { name: 'navigator_engaged', type: 'BOOLEAN', sql: 'm_navigator_engaged.value' },
    { name: 'onward_referral', type: 'VARCHAR', sql: 'f.onward_referral' },
  ],
  warnings: {
    'age not a whole number from 0 to 120': AGE_WARNING,
    'assault_at not a valid date (arrival used)': 'f.assault_at IS NOT NULL AND ts_assault_at IS NULL',
  },
  events: { person_ref: 'person_ref', event_hour: 'event_hour', ...PERSON_EVENTS, weapon: 'assault_method', category: 'assault_location_type', role: 'NULL' },
};

const yjs: SourceDef = {
  id: 'yjs',
  dateFields: ['offence_date', 'outcome_date'],
  categorical: [
    category('offence_type', 'vrp_offence_type', { vatp: 'Violence against the person', violence: 'Violence against the person', 'possession of weapons offences': 'Possession of weapons' }, 'Other'),
    category('outcome', 'vrp_outcome', { yro: 'Youth rehabilitation order', dto: 'Custody', 'detention and training order': 'Custody', nfa: 'No further action', 'referral order (ro)': 'Referral order' }, 'Pending'),
    weapon('weapon'),
    sex,
    ethnicity,
    yesNo('send'),
    yesNo('ehcp'),
    yesNo('looked_after'),
    yesNo('first_time_entrant'),
    yesNo('exploitation_concern'),
  ],
  key: 'f.yjs_ref',
  eventTs: 'ts_offence_date',
  eventHasTime: 'vrp_has_time(f.offence_date)',
  rejections: [blank('yjs_ref'), blank('person_ref'), ...dateRules('offence_date'), blank('offence_type')],
  hasPlace: true,
  columns: [
    { name: 'yjs_ref', type: 'VARCHAR', sql: 'f.yjs_ref' },
    { name: 'person_ref', type: 'VARCHAR', sql: 'f.person_ref' },
    { name: 'offence_date', type: 'DATE', sql: 'CAST(ts AS DATE)' },
    { name: 'outcome_date', type: 'DATE', sql: 'CAST(ts_outcome_date AS DATE)' },
    { name: 'offence_type', type: 'vrp_offence_type', sql: 'm_offence_type.value' },
    { name: 'outcome', type: 'vrp_outcome', sql: 'CASE WHEN f.outcome IS NULL THEN NULL ELSE m_outcome.value END' },
    { name: 'weapon', type: 'vrp_weapon', sql: 'm_weapon.value' },
    { name: 'home_lsoa21cd', type: 'VARCHAR', sql: `upper(replace(f.home_lsoa21cd, ' ', ''))` },
    ...PERSON_COLUMNS,
    { name: 'send', type: 'BOOLEAN', sql: 'm_send.value' },
    { name: 'ehcp', type: 'BOOLEAN', sql: 'm_ehcp.value' },
    { name: 'looked_after', type: 'BOOLEAN', sql: 'm_looked_after.value' },
    { name: 'first_time_entrant', type: 'BOOLEAN', sql: 'm_first_time_entrant.value' },
    { name: 'exploitation_concern', type: 'BOOLEAN', sql: 'm_exploitation_concern.value' },
  ],
  warnings: {
    'age not a whole number from 0 to 120': AGE_WARNING,
    'outcome_date not a valid date': 'f.outcome_date IS NOT NULL AND ts_outcome_date IS NULL',
  },
  events: { person_ref: 'person_ref', event_hour: 'event_hour', ...PERSON_EVENTS, weapon: 'weapon', category: 'offence_type', role: 'NULL' },
};

const stopSearch: SourceDef = {
  id: 'stop_search',
  dateFields: ['date'],
  categorical: [
    { field: 'gender', type: 'vrp_sex', map: mapSex, warning: 'unrecognised sex' },
    { field: 'age_range', type: 'vrp_age_band', map: mapAgeRange, warning: 'unrecognised age range' },
    { field: 'self_defined_ethnicity', type: 'vrp_ethnicity', map: mapEthnicity, warning: 'unrecognised ethnicity' },
    { field: 'officer_defined_ethnicity', type: 'vrp_ethnicity', map: mapEthnicity, warning: 'unrecognised ethnicity' },
    yesNo('part_of_a_policing_operation'),
    yesNo('outcome_linked_to_object_of_search'),
    yesNo('removal_of_more_than_just_outer_clothing'),
  ],
  key: `$file_hash || ':' || f._line`,
  eventTs: 'ts_date',
  eventHasTime: 'vrp_has_time(f.date)',
  rejections: [...dateRules('date')],
  hasPlace: true,
  columns: [
    { name: 'type', type: 'VARCHAR', sql: 'f.type' },
    { name: 'date', type: 'TIMESTAMP', sql: 'ts' },
    { name: 'part_of_a_policing_operation', type: 'BOOLEAN', sql: 'm_part_of_a_policing_operation.value' },
    { name: 'policing_operation', type: 'VARCHAR', sql: 'f.policing_operation' },
    { name: 'sex', type: 'vrp_sex', sql: 'm_gender.value' },
    { name: 'age_range', type: 'VARCHAR', sql: 'f.age_range' },
    { name: 'age_band', type: 'vrp_age_band', sql: 'm_age_range.value' },
    { name: 'self_defined_ethnicity', type: 'VARCHAR', sql: 'f.self_defined_ethnicity' },
    { name: 'officer_defined_ethnicity', type: 'VARCHAR', sql: 'f.officer_defined_ethnicity' },
    {
      name: 'ethnicity',
      type: 'vrp_ethnicity',
      sql: `CASE WHEN m_self_defined_ethnicity.value = 'Not recorded' THEN m_officer_defined_ethnicity.value ELSE m_self_defined_ethnicity.value END`,
    },
    { name: 'legislation', type: 'VARCHAR', sql: 'f.legislation' },
    { name: 'object_of_search', type: 'VARCHAR', sql: 'f.object_of_search' },
    { name: 'outcome', type: 'VARCHAR', sql: 'f.outcome' },
    { name: 'outcome_linked_to_object_of_search', type: 'BOOLEAN', sql: 'm_outcome_linked_to_object_of_search.value' },
    { name: 'removal_of_more_than_just_outer_clothing', type: 'BOOLEAN', sql: 'm_removal_of_more_than_just_outer_clothing.value' },
    { name: 'weapon', type: 'vrp_weapon', sql: `CASE WHEN lower(f.object_of_search) = 'firearms' THEN ${weaponValue('Firearm')} ELSE ${weaponValue('Unknown')} END` },
  ],
  warnings: {},
  events: { person_ref: 'NULL', event_hour: 'event_hour', age: 'NULL', age_band: 'age_band', sex: 'sex', ethnicity: 'ethnicity', weapon: 'weapon', category: 'object_of_search', role: 'NULL' },
};

const streetCrime: SourceDef = {
  id: 'street_crime',
  dateFields: [],
  categorical: [],
  key: `coalesce(f.crime_id, $file_hash || ':' || f._line)`,
  eventTs: `try_strptime(f.month || '-01', '%Y-%m-%d')`,
  eventHasTime: 'false',
  rejections: [
    blank('month'),
    { when: `try_strptime(f.month || '-01', '%Y-%m-%d') IS NULL`, reason: `'month is not a valid YYYY-MM month: "' || f.month || '"'` },
    { when: `try_strptime(f.month || '-01', '%Y-%m-%d') > $today`, reason: `'month is after the day the file was loaded'` },
    blank('crime_type'),
  ],
  hasPlace: true,
  columns: [
    { name: 'crime_id', type: 'VARCHAR', sql: 'f.crime_id' },
    { name: 'month', type: 'DATE', sql: 'CAST(ts AS DATE)' },
    { name: 'reported_by', type: 'VARCHAR', sql: 'f.reported_by' },
    { name: 'falls_within', type: 'VARCHAR', sql: 'f.falls_within' },
    { name: 'location', type: 'VARCHAR', sql: 'f.location' },
    { name: 'lsoa_code', type: 'VARCHAR', sql: 'f.lsoa_code' },
    { name: 'lsoa_name', type: 'VARCHAR', sql: 'f.lsoa_name' },
    { name: 'crime_type', type: 'VARCHAR', sql: 'f.crime_type' },
    { name: 'last_outcome_category', type: 'VARCHAR', sql: 'f.last_outcome_category' },
    { name: 'context', type: 'VARCHAR', sql: 'f.context' },
  ],
  warnings: {},
  events: { person_ref: 'NULL', event_hour: 'NULL', age: 'NULL', age_band: `'Unknown'`, sex: `'Unknown'`, ethnicity: `'Not recorded'`, weapon: `'Unknown'`, category: 'crime_type', role: 'NULL' },
};

export const SOURCE_DEFS: Record<SourceId, SourceDef> = {
  police,
  ambulance,
  ed,
  yjs,
  stop_search: stopSearch,
  street_crime: streetCrime,
};

/** Where a source's place fields are called something else in its contract. */
export const PLACE_FIELDS: Record<SourceId, { lsoa: string | null; lat: string; lon: string; easting: string | null; northing: string | null }> = {
  police: { lsoa: 'lsoa21cd', lat: 'latitude', lon: 'longitude', easting: 'easting', northing: 'northing' },
  ambulance: { lsoa: 'lsoa21cd', lat: 'latitude', lon: 'longitude', easting: 'easting', northing: 'northing' },
  ed: { lsoa: 'lsoa21cd', lat: 'latitude', lon: 'longitude', easting: 'easting', northing: 'northing' },
  yjs: { lsoa: 'lsoa21cd', lat: 'latitude', lon: 'longitude', easting: 'easting', northing: 'northing' },
  stop_search: { lsoa: null, lat: 'latitude', lon: 'longitude', easting: null, northing: null },
  street_crime: { lsoa: 'lsoa_code', lat: 'latitude', lon: 'longitude', easting: null, northing: null },
};
