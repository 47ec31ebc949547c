import { sqlString } from '@/lib/sql';
import { SOURCE_IDS } from './ingest/contracts';
import { AGE_BANDS, ETHNICITIES, ROLES, SEXES, WEAPONS } from './filters';

// The closed vocabularies of the contracts, stored as named ENUM types wherever a column takes
// them: in the source tables and in the stored events. A value of one is a byte instead of a
// text, so writing a million loaded rows, and grouping or filtering on them, costs less.

export const POLICE_OFFENCE_GROUPS = ['Homicide', 'Violence with injury', 'Violence without injury', 'Robbery', 'Possession of weapons', 'Sexual offences', 'Other'] as const;
export const CALL_REASONS = ['Assault', 'Stab or penetrating wound', 'Gunshot', 'Sexual assault', 'Other'] as const;
export const LOCATION_TYPES = ['Public place', 'Home', 'School or college', 'Licensed premises', 'Workplace', 'Other', 'Unknown'] as const;
export const YJS_OFFENCE_TYPES = ['Violence against the person', 'Robbery', 'Possession of weapons', 'Sexual offences', 'Other'] as const;
export const YJS_OUTCOMES = ['Community resolution', 'Youth caution', 'Youth conditional caution', 'Referral order', 'Youth rehabilitation order', 'Custody', 'No further action', 'Pending'] as const;

export const VOCABULARIES = {
  vrp_source: SOURCE_IDS,
  vrp_age_band: AGE_BANDS,
  vrp_sex: SEXES,
  vrp_ethnicity: ETHNICITIES,
  vrp_weapon: WEAPONS,
  // a police role the loader does not recognise is kept as Unknown (and counted as a warning)
  vrp_role: [...ROLES, 'Unknown'],
  vrp_offence_group: POLICE_OFFENCE_GROUPS,
  vrp_call_reason: CALL_REASONS,
  vrp_location_type: LOCATION_TYPES,
  vrp_offence_type: YJS_OFFENCE_TYPES,
  vrp_outcome: YJS_OUTCOMES,
} as const satisfies Record<string, readonly string[]>;

export type Vocabulary = keyof typeof VOCABULARIES;

export function isVocabulary(type: string): type is Vocabulary {
  return Object.hasOwn(VOCABULARIES, type);
}

/** A value of a vocabulary as an SQL constant of its type; throws for a value outside it. */
export function vocabularyValue(type: Vocabulary, value: string): string {
  if (!(VOCABULARIES[type] as readonly string[]).includes(value)) throw new Error(`${value} is not in ${type}`);
  return `${sqlString(value)}::${type}`;
}

/** Creates the vocabularies' types (before any table that uses them). */
export function vocabularyTypesSql(): string {
  return Object.entries(VOCABULARIES)
    .map(([name, values]) => `CREATE TYPE IF NOT EXISTS ${name} AS ENUM (${values.map(sqlString).join(', ')})`)
    .join(';\n');
}
