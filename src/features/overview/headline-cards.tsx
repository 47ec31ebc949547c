import { memo } from 'react';
import type { MonthlyCount } from '@/data/aggregates';
import { SOURCE_IDS, SOURCE_LABELS } from '@/data/ingest/contracts';
import { ChartPanel } from '@/components/chart-panel';
import type { AggTable } from '@/lib/aggregate-table';
import { formatChange, formatCount, formatMonth } from '@/lib/format';
import { addMonths } from '@/lib/months';
import { displayCount, displayDerived } from '@/lib/suppression';
import { headline, relativeChange, totalsByMonth, type Headline } from './headline';

export interface HeadlineSpec {
  id: string;
  title: string;
  help: string;
  rows: readonly MonthlyCount[];
}

export function headlineSpecs(bySource: readonly MonthlyCount[], knife: readonly MonthlyCount[] | null, children: readonly MonthlyCount[], fte: readonly MonthlyCount[]): HeadlineSpec[] {
  const present = new Set(bySource.map((r) => r.key));
  const specs: HeadlineSpec[] = SOURCE_IDS.filter((s) => present.has(s)).map((s) => ({ id: s, title: SOURCE_LABELS[s], help: 'records this month', rows: bySource.filter((r) => r.key === s) }));
  if (knife) specs.push({ id: 'knife', title: 'Knife-involved violence', help: 'records with a knife or sharp instrument, every source', rows: knife });
  specs.push({ id: 'children', title: 'Children under 18 affected', help: 'distinct children; records without a person reference count once each', rows: children });
  specs.push({ id: 'fte', title: 'First-time entrants', help: 'children entering the youth justice system, by month of offence', rows: fte });
  return specs;
}

export function headlineTable(items: readonly { spec: HeadlineSpec; h: Headline }[]): AggTable {
  return {
    columns: [
      { key: 'figure', label: 'Figure', kind: 'label' },
      { key: 'value', label: 'This month', kind: 'total' },
      { key: 'previous', label: 'Month before', kind: 'total' },
      { key: 'lastYear', label: 'Same month last year', kind: 'total' },
      { key: 'vsPrevious', label: 'Change on month', kind: 'value', basedOn: ['value', 'previous'], format: formatChange },
      { key: 'vsYear', label: 'Change on year', kind: 'value', basedOn: ['value', 'lastYear'], format: formatChange },
      { key: 'judgement', label: 'Judgement (SPC)', kind: 'label' },
    ],
    rows: items.map(({ spec, h }) => ({
      figure: spec.title,
      value: h.value,
      previous: h.previous,
      lastYear: h.lastYear,
      vsPrevious: relativeChange(h.value, h.previous),
      vsYear: relativeChange(h.value, h.lastYear),
      judgement: h.judgement?.words ?? 'too little history to judge',
    })),
  };
}

function Change({ label, now, before, publish }: { label: string; now: number; before: number | null; publish: boolean }) {
  if (before === null) return <div className="change muted">{label}: no data</div>;
  const rel = relativeChange(now, before);
  const text = displayDerived(rel, [now, before], publish, formatChange);
  return (
    <div className="change">
      {label}: <strong>{rel === null ? (now === 0 ? 'no change' : 'up from 0') : text}</strong> <span className="muted">({displayCount(before, publish, formatCount)})</span>
    </div>
  );
}

function HeadlineCardsView({ specs, month, firstMonth, publish }: { specs: readonly HeadlineSpec[]; month: string; firstMonth: string; publish: boolean }) {
  const items = specs.map((spec) => ({ spec, h: headline(totalsByMonth(spec.rows), month, firstMonth) }));
  return (
    <ChartPanel title={`Headline figures for ${formatMonth(month)}`} slug="headlines" png={false} table={headlineTable(items)} description="Each figure against the month before and the same month last year; the judgement applies the SPC rules to the last 24 months.">
      <ul className="headline-grid" aria-label="Headline figures">
        {items.map(({ spec, h }) => (
          <li key={spec.id} className="headline-card" data-testid={`headline-${spec.id}`}>
            <div className="headline-title">{spec.title}</div>
            <div className="headline-value" data-testid="value">
              {displayCount(h.value, publish, formatCount)}
            </div>
            <div className="muted small">{spec.help}</div>
            <Change label={`vs ${formatMonth(addMonths(month, -1))}`} now={h.value} before={h.previous} publish={publish} />
            <Change label={`vs ${formatMonth(addMonths(month, -12))}`} now={h.value} before={h.lastYear} publish={publish} />
            <div className={`judgement tone-${h.judgement?.tone ?? 'normal'}`}>{h.judgement ? h.judgement.words : 'too little history to judge'}</div>
          </li>
        ))}
      </ul>
    </ChartPanel>
  );
}

// Redrawn only when their own figures change, not on every render of the page.
export const HeadlineCards = memo(HeadlineCardsView);
