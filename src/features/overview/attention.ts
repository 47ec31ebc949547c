import type { MonthlyCount } from '@/data/aggregates';
import { addMonths, monthSpine } from '@/lib/months';
import { judgeLatest, spc, type Judgement } from '@/lib/spc';
import { JUDGEMENT_MONTHS } from './headline';

/** Series averaging fewer records a month than this are too small to judge. */
export const MIN_MEAN = 3;

export interface AttentionItem {
  group: string;
  key: string;
  label: string;
  value: number;
  mean: number;
  judgement: Judgement;
}

/**
 * The series of one grouping (e.g. wards) whose latest month is a special cause: each key's last
 * 24 months (zeros filled) judged by the SPC rules; series too small to judge are skipped.
 */
export function attentionItems(rows: readonly MonthlyCount[], group: string, month: string, firstMonth: string, name: (key: string) => string = (k) => k): AttentionItem[] {
  const start = addMonths(month, -(JUDGEMENT_MONTHS - 1)) > firstMonth ? addMonths(month, -(JUDGEMENT_MONTHS - 1)) : firstMonth;
  if (start > month) return [];
  const months = monthSpine(start, month);
  if (months.length < 12) return [];
  const byKey = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!byKey.has(r.key)) byKey.set(r.key, new Map());
    byKey.get(r.key)!.set(r.month, r.n);
  }
  const items: AttentionItem[] = [];
  for (const [key, series] of byKey) {
    if (key === 'Unknown' || key === 'Not recorded') continue;
    const values = months.map((m) => series.get(m) ?? 0);
    const result = spc(values);
    if (result.mean < MIN_MEAN) continue;
    const judgement = judgeLatest(result);
    if (judgement.tone === 'normal') continue;
    items.push({ group, key, label: name(key), value: values[values.length - 1]!, mean: result.mean, judgement });
  }
  return items.sort((a, b) => (a.judgement.tone === b.judgement.tone ? b.value / b.mean - a.value / a.mean : a.judgement.tone === 'concern' ? -1 : 1));
}
