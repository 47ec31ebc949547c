import { describe, expect, it } from 'vitest';
import { detectSource, mapColumns, missingRequired, normaliseHeader } from '@/data/ingest/contracts';

const STOP_SEARCH = 'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing'.split(',');
const STREET = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context'.split(',');

describe('header matching', () => {
  it('is case-insensitive after trimming, with spaces, hyphens and dots as underscores', () => {
    expect(normaliseHeader(' Occurred Date ')).toBe('occurred_date');
    expect(normaliseHeader('Self-defined ethnicity')).toBe('self_defined_ethnicity');
    expect(normaliseHeader('ppn.flag')).toBe('ppn_flag');
    expect(normaliseHeader('\uFEFFcrime_ref')).toBe('crime_ref');
  });

  it('maps aliases to contract fields and leaves unknown columns out', () => {
    const m = mapColumns('police', ['URN', 'Involvement', 'Offence Date', 'Crime Type', 'Gender', 'Lat', 'Lng', 'Notes']);
    expect(m).toEqual({ crime_ref: 'URN', role: 'Involvement', occurred_date: 'Offence Date', offence_group: 'Crime Type', sex: 'Gender', latitude: 'Lat', longitude: 'Lng' });
    expect(missingRequired('police', m)).toEqual([]);
  });

  it('prefers an exact name over an alias (ED weapon vs method)', () => {
    const m = mapColumns('ed', ['attendance_ref', 'arrival_at', 'assault_method', 'weapon']);
    expect(m.assault_method).toBe('assault_method');
  });

  it('names the missing required columns', () => {
    expect(missingRequired('ambulance', mapColumns('ambulance', ['incident_ref', 'priority']))).toEqual(['call_at', 'call_reason']);
  });
});

describe('source recognition from headers', () => {
  it.each([
    [['crime_ref', 'role', 'occurred_date', 'offence_group'], 'police'],
    [['incident_ref', 'call_at', 'call_reason', 'priority'], 'ambulance'],
    [['attendance_ref', 'arrival_at', 'assault_method'], 'ed'],
    [['yjs_ref', 'person_ref', 'offence_date', 'offence_type', 'send'], 'yjs'],
    [STOP_SEARCH, 'stop_search'],
    [STREET, 'street_crime'],
  ])('%j → %s', (headers, want) => expect(detectSource(headers)).toBe(want));

  it('returns null when no source has all its required columns', () => {
    expect(detectSource(['name', 'value'])).toBeNull();
  });
});
