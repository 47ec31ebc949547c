import { QUALITY_FIELDS, type QualityField } from './quality-sql';

export interface CompletenessRow {
  source: string;
  month: string;
  n: number;
  ethnicity: number;
  place: number;
  time: number;
  person: number;
  ppn_n: number;
  ppn: number;
}

export interface FieldCompleteness {
  source: string;
  field: QualityField;
  label: string;
  /** share complete per month (null when the month has no records to judge) */
  byMonth: Map<string, number | null>;
  filled: number;
  of: number;
  overall: number | null;
}

/** Completeness of each field per source, by month and overall; PPN only for police. */
export function completeness(rows: readonly CompletenessRow[]): FieldCompleteness[] {
  const out: FieldCompleteness[] = [];
  const sources = [...new Set(rows.map((r) => r.source))];
  for (const source of sources) {
    const mine = rows.filter((r) => r.source === source);
    for (const f of QUALITY_FIELDS) {
      if (f.key === 'ppn' && source !== 'police') continue;
      const denom = (r: CompletenessRow) => (f.key === 'ppn' ? r.ppn_n : r.n);
      const byMonth = new Map<string, number | null>();
      let filled = 0;
      let of = 0;
      for (const r of mine) {
        const d = denom(r);
        byMonth.set(r.month, d > 0 ? r[f.key] / d : null);
        filled += r[f.key];
        of += d;
      }
      out.push({ source, field: f.key, label: f.label, byMonth, filled, of, overall: of > 0 ? filled / of : null });
    }
  }
  return out;
}

/** The least complete fields, worst first (fields a source never fills are listed too). */
export function worstGaps(items: readonly FieldCompleteness[], count = 6): FieldCompleteness[] {
  return items.filter((i) => i.overall !== null && i.overall < 0.95).sort((a, b) => a.overall! - b.overall! || b.of - a.of).slice(0, count);
}
