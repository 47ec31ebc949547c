import { addMonths } from '@/lib/months';

// The evaluation's own URL parameters (iv, start, months, compare, name), beside the filter bar's:
// a copied link reproduces the evaluation.

export type AreaLevel = 'ward' | 'msoa' | 'lsoa';

export const LEVEL_NAMES: Record<AreaLevel, { one: string; many: string; aOne: string }> = {
  ward: { one: 'ward', many: 'wards', aOne: 'a ward' },
  msoa: { one: 'MSOA', many: 'MSOAs', aOne: 'an MSOA' },
  lsoa: { one: 'LSOA', many: 'LSOAs', aOne: 'an LSOA' },
};

const LEVEL_PREFIX: Record<string, AreaLevel> = { E05: 'ward', E02: 'msoa', E01: 'lsoa' };

/** The level of a ward (E05), MSOA (E02) or LSOA (E01) code; null for anything else. */
export function levelOf(code: string): AreaLevel | null {
  return /^E0[125]\d{6}$/.test(code) ? (LEVEL_PREFIX[code.slice(0, 3)] ?? null) : null;
}

export const DEFAULT_MONTHS = 12;
export const MIN_MONTHS = 3;
export const MAX_MONTHS = 36;

export type Compare = { kind: 'matched' } | { kind: 'rest' } | { kind: 'list'; codes: string[] };

export interface EvaluationParams {
  /** the intervention's areas, all of one level */
  iv: string[];
  level: AreaLevel | null;
  /** the first month of the after period, YYYY-MM */
  start: string | null;
  /** the length of each period in months */
  months: number;
  compare: Compare;
  name: string;
}

export const EMPTY_EVALUATION: EvaluationParams = { iv: [], level: null, start: null, months: DEFAULT_MONTHS, compare: { kind: 'matched' }, name: '' };

function codeList(raw: string | null): string[] {
  const out: string[] = [];
  for (const part of (raw ?? '').split(',')) {
    const code = part.trim().toUpperCase();
    if (code && !out.includes(code)) out.push(code);
  }
  return out;
}

/** Reads the evaluation from a query string; what makes no sense is left out and reported. */
export function parseEvaluation(search: string): { params: EvaluationParams; problems: string[] } {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  const iv: string[] = [];
  let level: AreaLevel | null = null;
  for (const code of codeList(q.get('iv'))) {
    const l = levelOf(code);
    if (!l) problems.push(`Ignored iv=${code}: not a ward (E05), MSOA (E02) or LSOA (E01) code.`);
    else if (level && l !== level) problems.push(`Ignored iv=${code}: ${LEVEL_NAMES[l].aOne}, and the intervention's first area is ${LEVEL_NAMES[level].aOne}; areas of one level are compared.`);
    else {
      level = l;
      iv.push(code);
    }
  }
  let start: string | null = null;
  const rawStart = q.get('start');
  if (rawStart) {
    if (/^\d{4}-(0[1-9]|1[0-2])$/.test(rawStart)) start = rawStart;
    else problems.push(`Ignored start=${rawStart}: months are written YYYY-MM.`);
  }
  let months = DEFAULT_MONTHS;
  const rawMonths = q.get('months');
  if (rawMonths) {
    const n = Number(rawMonths);
    if (Number.isInteger(n) && n >= MIN_MONTHS && n <= MAX_MONTHS) months = n;
    else problems.push(`Ignored months=${rawMonths}: each period is a whole number of months from ${MIN_MONTHS} to ${MAX_MONTHS}; using ${DEFAULT_MONTHS}.`);
  }
  let compare: Compare = { kind: 'matched' };
  const rawCompare = q.get('compare');
  if (rawCompare === 'rest') compare = { kind: 'rest' };
  else if (rawCompare && rawCompare !== 'matched') {
    const codes: string[] = [];
    for (const code of codeList(rawCompare)) {
      const l = levelOf(code);
      if (!l) problems.push(`Ignored compare=${code}: not matched, rest or an area code.`);
      else if (level && l !== level) problems.push(`Ignored compare=${code}: ${LEVEL_NAMES[l].aOne}, and the intervention's areas are ${LEVEL_NAMES[level].many}.`);
      else if (iv.includes(code)) problems.push(`Left ${code} out of the comparison: it is one of the intervention's areas, and the two groups must not overlap.`);
      else codes.push(code);
    }
    compare = codes.length ? { kind: 'list', codes } : { kind: 'matched' };
    if (!codes.length) problems.push('No comparison area was left, so the comparison areas are matched automatically.');
  }
  return { params: { iv, level, start, months, compare, name: (q.get('name') ?? '').trim().slice(0, 120) }, problems };
}

const OWN_KEYS = ['iv', 'start', 'months', 'compare', 'name'];

/** The query string with the evaluation's parameters set and every other parameter kept. */
export function evaluationToSearch(p: Omit<EvaluationParams, 'level'>, keep: string): string {
  const q = new URLSearchParams(keep);
  for (const k of OWN_KEYS) q.delete(k);
  if (p.iv.length) q.set('iv', p.iv.join(','));
  if (p.start) q.set('start', p.start);
  if (p.months !== DEFAULT_MONTHS) q.set('months', String(p.months));
  if (p.compare.kind === 'rest') q.set('compare', 'rest');
  if (p.compare.kind === 'list' && p.compare.codes.length) q.set('compare', p.compare.codes.join(','));
  if (p.name) q.set('name', p.name);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface Periods {
  before: { from: string; to: string };
  after: { from: string; to: string };
}

/** Before: the `months` months before `start`. After: `start` and the `months − 1` months after it. */
export function periodsOf(start: string, months: number): Periods {
  return { before: { from: addMonths(start, -months), to: addMonths(start, -1) }, after: { from: start, to: addMonths(start, months - 1) } };
}
