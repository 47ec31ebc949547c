import { FIELDS, type SourceId } from './contracts';
import { SOURCE_DEFS } from './source-defs';
import { VOCABULARIES, isVocabulary } from '../vocabularies';
import { toCsv } from '@/lib/csv';
import { textWorkbook } from '@/lib/xlsx-writer';

// What partners' data officers are told to send, and templates to send it in: made from the same
// definitions the loader reads files with (contracts.ts, source-defs.ts, vocabularies.ts), so the
// guide cannot say one thing while the loader does another.

/** The extracts partners send (the police.uk downloads are loaded as police.uk publishes them). */
export const PARTNER_SOURCES = ['police', 'ambulance', 'ed', 'yjs'] as const satisfies readonly SourceId[];
export type PartnerSource = (typeof PARTNER_SOURCES)[number];

export interface GuideColumn {
  name: string;
  required: boolean;
  /** other headers read as this column */
  aliases: readonly string[];
  /** what values it takes, in words */
  values: string;
}

const YES_NO = 'Y/N, Yes/No, True/False or 1/0; blank is unknown';
const SPELLINGS: Readonly<Record<string, string>> = {
  vrp_sex: 'Male (M), Female (F), Other (X, Non-binary, Indeterminate), Unknown (U, Not stated, blank)',
  vrp_ethnicity:
    'Asian, Black, Mixed, White, Other or Not recorded; also Census 2021 and 2011 (police.uk) labels, NHS ethnic category codes A–Z and police IC codes IC1–IC9',
  vrp_weapon: 'Knife or sharp, Firearm, Blunt, Body, Other, None or Unknown; also spellings such as knife, stab, bladed article, gun, bottle, hit or kick',
  vrp_role: 'Victim or Suspect (Offender is read as Suspect)',
};
const PLAIN: Readonly<Record<string, string>> = {
  age: 'Whole years, 0 to 120 (anything else is kept as unknown, with a warning)',
  lsoa21cd: 'LSOA 2021 code (E01…) of the place',
  home_lsoa21cd: 'LSOA 2021 code (E01…) of the home address',
  latitude: 'WGS84 degrees (with longitude), when there is no LSOA code',
  longitude: 'WGS84 degrees (with latitude), when there is no LSOA code',
  easting: 'British National Grid metres (with northing), when there is no LSOA code or latitude',
  northing: 'British National Grid metres (with easting), when there is no LSOA code or latitude',
  person_ref: 'Pseudonymous person key, derived as the data-sharing agreement says; blank when not known',
  priority: '1 to 4',
};

function valuesOf(source: SourceId, field: string): string {
  const def = SOURCE_DEFS[source];
  if (def.dateFields.includes(field)) return 'Date: YYYY-MM-DD or DD/MM/YYYY, optionally with a time HH:MM[:SS]; an Excel date cell';
  if (def.timeFields?.includes(field)) return 'Time of day, HH:MM';
  const spec = def.categorical.find((c) => c.field === field);
  if (spec?.type === 'BOOLEAN') return YES_NO;
  if (spec && isVocabulary(spec.type)) return SPELLINGS[spec.type] ?? `${VOCABULARIES[spec.type].join(', ')} (any case)`;
  return PLAIN[field] ?? 'Text';
}

/** An extract's columns as the guide lists them. */
export function guideColumns(source: PartnerSource): GuideColumn[] {
  return FIELDS[source].map((f) => ({ name: f.name, required: f.required ?? false, aliases: f.aliases ?? [], values: valuesOf(source, f.name) }));
}

/** The columns that make a row's key, in the loader's order (read from the key's own SQL). */
export function keyColumns(source: PartnerSource): string[] {
  return [...SOURCE_DEFS[source].key.matchAll(/\b(?:f\.|m_)([a-z_]+)/g)].map((m) => m[1]!);
}

/** Two example rows per extract, by column: valid values the loader takes without a warning. */
export const EXAMPLE_ROWS: Readonly<Record<PartnerSource, readonly [Record<string, string>, Record<string, string>]>> = {
  police: [
    { crime_ref: '13/123456/24', role: 'Victim', person_ref: 'a81f03c9', occurred_date: '05/03/2024', occurred_time: '16:40', offence_group: 'Robbery', offence: 'Robbery of personal property', weapon: 'Knife', lsoa21cd: 'E01011264', age: '15', sex: 'M', ethnicity: 'Black', ppn_submitted: 'Y' },
    { crime_ref: '13/123456/24', role: 'Suspect', person_ref: '5c2e77d0', occurred_date: '05/03/2024', occurred_time: '16:40', offence_group: 'Robbery', offence: 'Robbery of personal property', weapon: 'Knife', lsoa21cd: 'E01011264', age: '17', sex: 'M', officer_defined_ethnicity: 'IC1', ppn_submitted: 'N' },
  ],
  ambulance: [
    { incident_ref: 'YAS-240311-0042', call_at: '2024-03-11 22:15', call_reason: 'Stab or penetrating wound', priority: '1', lsoa21cd: 'E01011265', age: '16', sex: 'Male', conveyed: 'Yes', safeguarding_referral: 'Yes' },
    { incident_ref: 'YAS-240312-0107', call_at: '2024-03-12 01:05', call_reason: 'Assault', priority: '2', latitude: '53.8008', longitude: '-1.5491', age: '19', sex: 'Female', conveyed: 'No', safeguarding_referral: 'No' },
  ],
  ed: [
    { attendance_ref: 'LTH-ED-88231', arrival_at: '2024-03-11 23:02', assault_at: '2024-03-11 22:10', assault_method: 'Knife', assault_location_type: 'Public place', assault_location_description: 'Bus stop near the park', lsoa21cd: 'E01011265', home_lsoa21cd: 'E01011264', age: '16', sex: 'M', ethnicity: 'Mixed', person_ref: 'a81f03c9', navigator_engaged: 'Y', onward_referral: 'Youth service' },
    { attendance_ref: 'LTH-ED-88240', arrival_at: '2024-03-12 02:30', assault_method: 'Body part (hit, kick)', assault_location_type: 'Licensed premises', age: '20', sex: 'F', ethnicity: 'White', navigator_engaged: 'N' },
  ],
  yjs: [
    { yjs_ref: 'YJS-2024-0311', person_ref: '5c2e77d0', offence_date: '05/03/2024', outcome_date: '14/05/2024', offence_type: 'Robbery', outcome: 'Referral order', weapon: 'Knife', lsoa21cd: 'E01011264', home_lsoa21cd: 'E01011265', age: '17', sex: 'Male', ethnicity: 'White', send: 'Y', ehcp: 'N', looked_after: 'N', first_time_entrant: 'Y', exploitation_concern: 'Y' },
    { yjs_ref: 'YJS-2024-0312', person_ref: '0d9b4a12', offence_date: '2024-02-20', offence_type: 'Possession of weapons', outcome: 'Youth caution', age: '15', sex: 'Female', ethnicity: 'Asian', send: 'N', ehcp: 'N', looked_after: 'Y', first_time_entrant: 'Y', exploitation_concern: 'N' },
  ],
};

/** The template's rows: the contract's header, then the two examples. */
export function templateRows(source: PartnerSource): string[][] {
  const columns = FIELDS[source].map((f) => f.name);
  return [columns, ...EXAMPLE_ROWS[source].map((row) => columns.map((c) => row[c] ?? ''))];
}

export function templateCsv(source: PartnerSource): string {
  const [columns = [], ...rows] = templateRows(source);
  return toCsv(columns, rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? '']))));
}

export function templateXlsx(source: PartnerSource): Uint8Array {
  return textWorkbook(source, templateRows(source));
}
