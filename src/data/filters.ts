import type { SqlValue } from './db-types';
import { SOURCE_IDS, type SourceId } from './ingest/contracts';
import { parseRegion, type Region } from './region';

// One filter model for every view, table and export. Its URL form uses the parameter names in
// the product spec, so a copied link reproduces the view.

export const AGE_BANDS = ['0-9', '10-17', '18-24', '25+', 'Unknown'] as const;
export const SEXES = ['Male', 'Female', 'Other', 'Unknown'] as const;
export const ETHNICITIES = ['Asian', 'Black', 'Mixed', 'White', 'Other', 'Not recorded'] as const;
export const WEAPONS = ['Knife or sharp', 'Firearm', 'Blunt', 'Body', 'Other', 'None', 'Unknown'] as const;
export const ROLES = ['Victim', 'Suspect'] as const;

export interface Filters {
  /** first month, YYYY-MM */
  from: string | null;
  /** last month, YYYY-MM (inclusive) */
  to: string | null;
  /** empty means every source */
  sources: SourceId[];
  /** an LSOA, MSOA, ward or district code */
  area: string | null;
  /** the partnership's area: which records are in the area, which areas are listed, whose residents */
  region: Region;
  age: (typeof AGE_BANDS)[number][];
  sex: (typeof SEXES)[number][];
  ethnicity: (typeof ETHNICITIES)[number][];
  weapon: (typeof WEAPONS)[number][];
  /** police records only: other sources have no role and drop out while it is set */
  role: (typeof ROLES)[number][];
  publish: boolean;
}

export const NO_FILTERS: Filters = { from: null, to: null, sources: [], area: null, region: 'leeds', age: [], sex: [], ethnicity: [], weapon: [], role: [], publish: false };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const AREA = /^E0[1-9]\d{6}$/;

function pickList<T extends string>(raw: string | null, allowed: readonly T[], name: string, problems: string[]): T[] {
  if (!raw) return [];
  const out: T[] = [];
  for (const part of raw.split(',')) {
    const v = part.trim();
    if (v === '') continue;
    const match = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
    if (match) {
      if (!out.includes(match)) out.push(match);
    } else problems.push(`Ignored ${name}=${v}: not one of ${allowed.join(', ')}.`);
  }
  return out;
}

/** Reads filters from a query string; values that make no sense are dropped and reported. */
export function parseFilters(search: string): { filters: Filters; problems: string[] } {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  const month = (name: 'from' | 'to') => {
    const v = q.get(name);
    if (v === null || v === '') return null;
    if (MONTH.test(v)) return v;
    problems.push(`Ignored ${name}=${v}: months are written YYYY-MM.`);
    return null;
  };
  let from = month('from');
  let to = month('to');
  if (from && to && from > to) {
    problems.push(`Swapped from=${from} and to=${to}: the first month was after the last.`);
    [from, to] = [to, from];
  }
  const areaRaw = q.get('area');
  let area: string | null = null;
  if (areaRaw) {
    const code = areaRaw.trim().toUpperCase();
    if (AREA.test(code)) area = code;
    else problems.push(`Ignored area=${areaRaw}: not an LSOA, MSOA, ward or district code.`);
  }
  const { region, problem: regionProblem } = parseRegion(search);
  if (regionProblem) problems.push(regionProblem);
  return {
    filters: {
      from,
      to,
      sources: pickList(q.get('source'), SOURCE_IDS, 'source', problems),
      area,
      region,
      age: pickList(q.get('age'), AGE_BANDS, 'age', problems),
      sex: pickList(q.get('sex'), SEXES, 'sex', problems),
      ethnicity: pickList(q.get('ethnicity'), ETHNICITIES, 'ethnicity', problems),
      weapon: pickList(q.get('weapon'), WEAPONS, 'weapon', problems),
      role: pickList(q.get('role'), ROLES, 'role', problems),
      publish: q.get('publish') === '1',
    },
    problems,
  };
}

/** The query string for filters, in a fixed order; other parameters (such as demo) are kept. */
export function filtersToSearch(filters: Filters, keep: string = ''): string {
  const q = new URLSearchParams(keep);
  for (const k of ['from', 'to', 'source', 'area', 'region', 'age', 'sex', 'ethnicity', 'weapon', 'role', 'publish']) q.delete(k);
  const set = (k: string, v: string | null) => {
    if (v) q.set(k, v);
  };
  set('from', filters.from);
  set('to', filters.to);
  set('source', filters.sources.join(','));
  set('area', filters.area);
  if (filters.region !== 'leeds') q.set('region', filters.region);
  set('age', filters.age.join(','));
  set('sex', filters.sex.join(','));
  set('ethnicity', filters.ethnicity.join(','));
  set('weapon', filters.weapon.join(','));
  set('role', filters.role.join(','));
  if (filters.publish) q.set('publish', '1');
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface SqlWhere {
  /** a condition for a WHERE clause over the events view (TRUE when nothing is filtered) */
  sql: string;
  params: SqlValue[];
}

/**
 * The filters as a condition over `events` with every value bound. Column names come from this
 * function alone; no filter value is ever written into the SQL text.
 */
export function filtersToSql(filters: Filters, alias = ''): SqlWhere {
  const col = (name: string) => (alias ? `${alias}.${name}` : name);
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const inList = (column: string, values: readonly string[]) => {
    if (values.length === 0) return;
    parts.push(`${col(column)} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  if (filters.from) {
    parts.push(`${col('event_month')} >= CAST(? AS DATE)`);
    params.push(`${filters.from}-01`);
  }
  if (filters.to) {
    parts.push(`${col('event_month')} <= CAST(? AS DATE)`);
    params.push(`${filters.to}-01`);
  }
  inList('source', filters.sources);
  if (filters.area) {
    parts.push(`(${col('lsoa21cd')} = ? OR ${col('msoa21cd')} = ? OR ${col('ward_code')} = ? OR ${col('lad24cd')} = ?)`);
    params.push(filters.area, filters.area, filters.area, filters.area);
  }
  inList('age_band', filters.age);
  inList('sex', filters.sex);
  inList('ethnicity', filters.ethnicity);
  inList('weapon', filters.weapon);
  inList('role', filters.role);
  return { sql: parts.length ? parts.join(' AND ') : 'TRUE', params };
}
