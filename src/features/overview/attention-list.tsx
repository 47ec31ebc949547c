import { memo } from 'react';
import type { MonthlyCount } from '@/data/aggregates';
import { SOURCE_LABELS, type SourceId } from '@/data/ingest/contracts';
import { ChartPanel } from '@/components/chart-panel';
import type { AggTable } from '@/lib/aggregate-table';
import { formatCount, formatMonth, formatRate } from '@/lib/format';
import { displayCount } from '@/lib/suppression';
import { attentionItems, MIN_MEAN, type AttentionItem } from './attention';
import { ATTENTION_GROUPS } from './use-overview-data';

export function attentionTable(items: readonly AttentionItem[]): AggTable {
  return {
    columns: [
      { key: 'what', label: 'Group', kind: 'label' },
      { key: 'value', label: 'This month', kind: 'total' },
      { key: 'mean', label: 'Monthly mean (24 months)', kind: 'value', format: formatRate },
      { key: 'words', label: 'Judgement (SPC)', kind: 'label' },
    ],
    rows: items.map((i) => ({ what: `${i.group}: ${i.label}`, value: i.value, mean: i.mean, words: i.judgement.words })),
  };
}

function AttentionListView({ groups, month, firstMonth, wardName, publish }: { groups: Record<string, readonly MonthlyCount[] | undefined>; month: string; firstMonth: string; wardName: (code: string) => string; publish: boolean }) {
  const name = (dimension: string) => (key: string) => (dimension === 'ward_code' ? wardName(key) : dimension === 'source' ? (SOURCE_LABELS[key as SourceId] ?? key) : key);
  const items = ATTENTION_GROUPS.flatMap((g) => attentionItems(groups[g.dimension] ?? [], g.label, month, firstMonth, name(g.dimension)));
  const concerns = items.filter((i) => i.judgement.tone === 'concern');
  const falls = items.filter((i) => i.judgement.tone === 'improvement');
  return (
    <ChartPanel title="What needs attention" slug="attention" png={false} emptyText={null} table={attentionTable(items)} description={`Sources, wards and groups whose ${formatMonth(month)} figure is a special cause by the SPC rules, against their own last 24 months. Series averaging under ${MIN_MEAN} a month are too small to judge.`}>
      {items.length === 0 ? (
        <p data-testid="attention-none">Nothing stands out: every series is within its normal variation this month.</p>
      ) : (
        <div className="attention">
          <AttentionGroup title="Higher than usual" items={concerns} publish={publish} tone="concern" />
          <AttentionGroup title="Lower than usual" items={falls} publish={publish} tone="improvement" />
        </div>
      )}
    </ChartPanel>
  );
}

function AttentionGroup({ title, items, publish, tone }: { title: string; items: readonly AttentionItem[]; publish: boolean; tone: string }) {
  if (items.length === 0) return null;
  return (
    <div>
      <h3 className={`tone-${tone}`}>{title}</h3>
      <ul data-testid={`attention-${tone}`}>
        {items.map((i) => (
          <li key={`${i.group}-${i.key}`}>
            <strong>
              {i.group}: {i.label}
            </strong>{' '}
            — {displayCount(i.value, publish, formatCount)} this month against a mean of {formatRate(i.mean)}: {i.judgement.words}
          </li>
        ))}
      </ul>
    </div>
  );
}

// Redrawn only when their own figures change, not on every render of the page.
export const AttentionList = memo(AttentionListView);
