import { describe, expect, it } from 'vitest';
import { mapAgeRange, mapCategory, mapEthnicity, mapRole, mapSex, mapWeapon, mapYesNo } from '@/data/ingest/vocab';
import { SOURCE_DEFS } from '@/data/ingest/source-defs';
import { SOURCE_IDS } from '@/data/ingest/contracts';
import { VOCABULARIES } from '@/data/vocabularies';

const eth = (v: string | null) => mapEthnicity(v).value;

describe('ethnicity (data contract: six values from every vocabulary)', () => {
  it.each([
    ['Asian', 'Asian'], ['BLACK', 'Black'], ['mixed', 'Mixed'], ['White', 'White'], ['Other', 'Other'], ['Not recorded', 'Not recorded'],
  ])('group name %s → %s', (raw, want) => expect(eth(raw)).toBe(want));

  it.each([
    ['Asian, Asian British or Asian Welsh: Pakistani', 'Asian'],
    ['Asian, Asian British or Asian Welsh: Chinese', 'Asian'],
    ['Black, Black British, Black Welsh, Caribbean or African: Caribbean', 'Black'],
    ['Mixed or Multiple ethnic groups: White and Black Caribbean', 'Mixed'],
    ['White: Irish', 'White'],
    ['White: Gypsy or Irish Traveller', 'White'],
    ['Other ethnic group: Arab', 'Other'],
    ['Other ethnic group: Any other ethnic group', 'Other'],
  ])('Census 2021 label %s → %s', (raw, want) => expect(eth(raw)).toBe(want));

  it.each([
    ['Asian/Asian British - Pakistani', 'Asian'],
    ['Asian/Asian British - Chinese', 'Asian'],
    ['Black/African/Caribbean/Black British - African', 'Black'],
    ['Mixed/Multiple ethnic groups - White and Asian', 'Mixed'],
    ['White - English/Welsh/Scottish/Northern Irish/British', 'White'],
    ['Other ethnic group - Any other ethnic group', 'Other'],
    ['Other ethnic group - Not stated', 'Not recorded'],
  ])('2011 / police.uk label %s → %s', (raw, want) => expect(eth(raw)).toBe(want));

  it.each([
    ['A', 'White'], ['B', 'White'], ['C', 'White'], ['D', 'Mixed'], ['E', 'Mixed'], ['F', 'Mixed'], ['G', 'Mixed'],
    ['H', 'Asian'], ['J', 'Asian'], ['K', 'Asian'], ['L', 'Asian'], ['M', 'Black'], ['N', 'Black'], ['P', 'Black'],
    ['R', 'Other'], ['S', 'Other'], ['Z', 'Not recorded'], ['99', 'Not recorded'], ['h', 'Asian'],
  ])('NHS code %s → %s', (raw, want) => expect(eth(raw)).toBe(want));

  it.each([
    ['IC1', 'White'], ['IC2', 'White'], ['IC3', 'Black'], ['IC4', 'Asian'], ['IC5', 'Asian'], ['IC6', 'Other'], ['IC0', 'Not recorded'], ['IC9', 'Not recorded'], ['ic3', 'Black'],
  ])('IC code %s → %s', (raw, want) => expect(eth(raw)).toBe(want));

  it.each([[null], [''], ['  '], ['Unknown'], ['Not stated'], ['Prefer not to say']])('%s → Not recorded, not a warning', (raw) => {
    expect(mapEthnicity(raw)).toEqual({ value: 'Not recorded', known: true });
  });

  it('Chinese is Asian and Arab is Other on their own too', () => {
    expect(eth('Chinese')).toBe('Asian');
    expect(eth('Arab')).toBe('Other');
    expect(eth('Pakistani')).toBe('Asian');
    expect(eth('White and Black Caribbean')).toBe('Mixed');
  });

  it('an unrecognised value is Not recorded and flagged', () => {
    expect(mapEthnicity('Martian')).toEqual({ value: 'Not recorded', known: false });
    expect(mapEthnicity('IC7')).toEqual({ value: 'Not recorded', known: false });
  });
});

describe('sex', () => {
  it.each([
    ['M', 'Male'], ['male', 'Male'], ['F', 'Female'], ['Female', 'Female'], ['X', 'Other'], ['Other', 'Other'], ['Non-binary', 'Other'],
    ['Indeterminate', 'Other'], ['U', 'Unknown'], ['Unknown', 'Unknown'], ['Not stated', 'Unknown'], ['Not known', 'Unknown'], ['', 'Unknown'],
  ])('%s → %s', (raw, want) => expect(mapSex(raw)).toEqual({ value: want, known: true }));
  it('flags an unrecognised value', () => expect(mapSex('Q')).toEqual({ value: 'Unknown', known: false }));
});

describe('yes/no', () => {
  it.each([['Y', true], ['yes', true], ['TRUE', true], ['1', true], ['n', false], ['No', false], ['false', false], ['0', false]])('%s → %s', (raw, want) =>
    expect(mapYesNo(raw)).toEqual({ value: want, known: true }),
  );
  it('blank is unknown, and an odd value is unknown and flagged', () => {
    expect(mapYesNo('')).toEqual({ value: null, known: true });
    expect(mapYesNo(null)).toEqual({ value: null, known: true });
    expect(mapYesNo('maybe')).toEqual({ value: null, known: false });
  });
});

describe('weapon', () => {
  it.each([
    ['Knife or sharp', 'Knife or sharp'], ['knife', 'Knife or sharp'], ['sharp instrument', 'Knife or sharp'], ['Bladed article', 'Knife or sharp'],
    ['stab', 'Knife or sharp'], ['Firearm', 'Firearm'], ['gun', 'Firearm'], ['Blunt', 'Blunt'], ['bottle', 'Blunt'], ['baseball bat', 'Blunt'],
    ['Body', 'Body'], ['Body part (hit, kick)', 'Body'], ['punch', 'Body'], ['Other', 'Other'], ['None', 'None'], ['Unknown', 'Unknown'], ['', 'Unknown'],
  ])('%s → %s', (raw, want) => expect(mapWeapon(raw)).toEqual({ value: want, known: true }));
  it('flags an unrecognised description', () => expect(mapWeapon('zzz')).toEqual({ value: 'Unknown', known: false }));
});

describe('role, categories and police.uk age ranges', () => {
  it('Offender counts as Suspect', () => {
    expect(mapRole('Offender').value).toBe('Suspect');
    expect(mapRole('victim').value).toBe('Victim');
    expect(mapRole('Witness')).toEqual({ value: 'Unknown', known: false });
  });
  it('categories match case-insensitively or by alias, else fall back with a flag', () => {
    const values = ['Assault', 'Gunshot', 'Other'];
    expect(mapCategory('ASSAULT', values, {}, 'Other')).toEqual({ value: 'Assault', known: true });
    expect(mapCategory('shooting', values, { shooting: 'Gunshot' }, 'Other')).toEqual({ value: 'Gunshot', known: true });
    expect(mapCategory('fall', values, {}, 'Other')).toEqual({ value: 'Other', known: false });
  });
  it.each([['under 10', '0-9'], ['10-17', '10-17'], ['18-24', '18-24'], ['25-34', '25+'], ['over 34', '25+'], ['', 'Unknown']])('%s → %s', (raw, want) =>
    expect(mapAgeRange(raw).value).toBe(want),
  );
});

describe('every categorical field maps into the type its column is stored as', () => {
  // the values of every vocabulary, in other cases, and text no mapper knows
  const probes = [
    ...Object.values(VOCABULARIES).flatMap((values) => values.flatMap((v) => [v, v.toLowerCase(), ` ${v.toUpperCase()} `])),
    null, '', 'zzz', 'Witness', 'Offender', 'IC3', 'IC9', 'H', 'under 10', 'over 34', 'stabbing', 'bottle', 'nfa', 'pub', 'Yes', 'n',
  ];
  for (const source of SOURCE_IDS) {
    for (const c of SOURCE_DEFS[source].categorical) {
      it(`${source}.${c.field} (${c.type})`, () => {
        const allowed: readonly (string | boolean | null)[] = c.type === 'BOOLEAN' ? [true, false, null] : VOCABULARIES[c.type];
        const outside = probes.map((p) => c.map(p).value).filter((v) => !allowed.includes(v));
        expect(outside).toEqual([]);
      });
    }
  }
});
