// Pure mappers from what partners send to the contract's values. Each returns `known: false`
// for a non-blank value it could not place, so the loader can count it as a warning.

export type Ethnicity = 'Asian' | 'Black' | 'Mixed' | 'White' | 'Other' | 'Not recorded';
export type Sex = 'Male' | 'Female' | 'Other' | 'Unknown';
export type Weapon = 'Knife or sharp' | 'Firearm' | 'Blunt' | 'Body' | 'Other' | 'None' | 'Unknown';

export interface Mapped<T> {
  value: T;
  /** false when a non-blank input was not recognised */
  known: boolean;
}

const clean = (raw: string | null): string => (raw ?? '').trim().toLowerCase().replace(/\s+/g, ' ');

const NOT_RECORDED = new Set(['', 'unknown', 'not known', 'not stated', 'prefer not to say', 'not recorded', 'refused', 'declined', 'n/k', 'nk', 'z', '99', 'ic0', 'ic9', 'ic 0', 'ic 9']);

const NHS_CODES: Record<string, Ethnicity> = {
  a: 'White', b: 'White', c: 'White',
  d: 'Mixed', e: 'Mixed', f: 'Mixed', g: 'Mixed',
  h: 'Asian', j: 'Asian', k: 'Asian', l: 'Asian',
  m: 'Black', n: 'Black', p: 'Black',
  r: 'Other', s: 'Other',
};

const IC_CODES: Record<string, Ethnicity> = { '1': 'White', '2': 'White', '3': 'Black', '4': 'Asian', '5': 'Asian', '6': 'Other' };

/** Detailed group words that appear without their heading (e.g. "Pakistani", "Caribbean"). */
const DETAIL_WORDS: [RegExp, Ethnicity][] = [
  [/^(indian|pakistani|bangladeshi|chinese|other asian|any other asian)/, 'Asian'],
  [/^(african|caribbean|other black|any other black)/, 'Black'],
  [/^(white and |other mixed|any other mixed)/, 'Mixed'],
  [/^(british|english|irish|gypsy|roma|traveller|other white|any other white)/, 'White'],
  [/^(arab|any other ethnic)/, 'Other'],
];

/**
 * Ethnicity to the six contract values. Accepts the group names, Census 2021 and 2011/police.uk
 * labels, NHS ethnic category codes and police IC codes.
 */
export function mapEthnicity(raw: string | null): Mapped<Ethnicity> {
  const v = clean(raw);
  if (NOT_RECORDED.has(v) || /not stated|not known|prefer not/.test(v)) return { value: 'Not recorded', known: true };
  const nhs = NHS_CODES[v];
  if (nhs) return { value: nhs, known: true };
  const ic = /^ic ?([0-9])$/.exec(v);
  if (ic) {
    const g = IC_CODES[ic[1]!];
    return g ? { value: g, known: true } : { value: 'Not recorded', known: false };
  }
  // "White and Black Caribbean" is Mixed even though it starts with "White".
  if (/^white and /.test(v)) return { value: 'Mixed', known: true };
  const heading = v.split(/\s*[:]\s*|\s+-\s+/)[0] ?? '';
  if (/^asian/.test(heading)) return { value: 'Asian', known: true };
  if (/^black/.test(heading)) return { value: 'Black', known: true };
  if (/^mixed/.test(heading)) return { value: 'Mixed', known: true };
  if (/^white/.test(heading)) return { value: 'White', known: true };
  if (/^other ethnic|^other$/.test(heading)) return { value: 'Other', known: true };
  for (const [re, group] of DETAIL_WORDS) if (re.test(v)) return { value: group, known: true };
  return { value: 'Not recorded', known: false };
}

export function mapSex(raw: string | null): Mapped<Sex> {
  const v = clean(raw);
  if (v === 'm' || v === 'male' || v === 'boy' || v === 'man') return { value: 'Male', known: true };
  if (v === 'f' || v === 'female' || v === 'girl' || v === 'woman') return { value: 'Female', known: true };
  if (['x', 'other', 'non-binary', 'nonbinary', 'non binary', 'indeterminate'].includes(v)) return { value: 'Other', known: true };
  if (['', 'u', 'unknown', 'not stated', 'not known', 'not recorded'].includes(v)) return { value: 'Unknown', known: true };
  return { value: 'Unknown', known: false };
}

/** Yes/no fields: null means unknown (blank or unrecognised). */
export function mapYesNo(raw: string | null): Mapped<boolean | null> {
  const v = clean(raw);
  if (['y', 'yes', 'true', '1', 't'].includes(v)) return { value: true, known: true };
  if (['n', 'no', 'false', '0', 'f'].includes(v)) return { value: false, known: true };
  if (v === '' || v === 'unknown' || v === 'not known') return { value: null, known: true };
  return { value: null, known: false };
}

const WEAPON_RULES: [RegExp, Weapon][] = [
  [/^(none|no weapon|no|nil|n)$/, 'None'],
  [/knife|sharp|blade|stab|machete|sword|cutting|penetrat|screwdriver|scissors/, 'Knife or sharp'],
  [/firearm|gun|shot|pistol|rifle|air weapon|imitation/, 'Firearm'],
  [/blunt|bat\b|baseball|bottle|hammer|club|stick|brick|stone|pole|bar\b|cosh|iron|spanner/, 'Blunt'],
  [/body|hit|kick|punch|fist|feet|foot|head ?butt|slap|strangl|bite|push|hand/, 'Body'],
  [/other|acid|corrosive|noxious|vehicle|dog|fire|spray/, 'Other'],
];

/** Weapon to the seven contract values, from a free-text description. */
export function mapWeapon(raw: string | null): Mapped<Weapon> {
  const v = clean(raw);
  if (['', 'unknown', 'not known', 'not recorded', 'unk'].includes(v)) return { value: 'Unknown', known: true };
  for (const [re, w] of WEAPON_RULES) if (re.test(v)) return { value: w, known: true };
  return { value: 'Unknown', known: false };
}

/** The police role: Offender counts as Suspect. Blank is handled by the loader (a rejection). */
export function mapRole(raw: string | null): Mapped<'Victim' | 'Suspect' | 'Unknown'> {
  const v = clean(raw);
  if (v === 'victim' || v === 'v') return { value: 'Victim', known: true };
  if (['suspect', 'offender', 's', 'o', 'perpetrator', 'accused'].includes(v)) return { value: 'Suspect', known: true };
  return { value: 'Unknown', known: false };
}

/** Maps to one of a fixed list case-insensitively, with extra spellings; anything else is the fallback. */
export function mapCategory(raw: string | null, values: readonly string[], aliases: Readonly<Record<string, string>>, fallback: string): Mapped<string> {
  const v = clean(raw);
  if (v === '') return { value: fallback, known: true };
  const exact = values.find((x) => x.toLowerCase() === v);
  if (exact) return { value: exact, known: true };
  const alias = aliases[v];
  if (alias) return { value: alias, known: true };
  return { value: fallback, known: false };
}

/** police.uk age ranges onto the contract's age bands. */
export function mapAgeRange(raw: string | null): Mapped<string> {
  const v = clean(raw);
  if (v === 'under 10') return { value: '0-9', known: true };
  if (v === '10-17') return { value: '10-17', known: true };
  if (v === '18-24') return { value: '18-24', known: true };
  if (v === '25-34' || v === 'over 34') return { value: '25+', known: true };
  return { value: 'Unknown', known: v === '' };
}
