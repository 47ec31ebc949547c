import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartPanel } from '@/components/chart-panel';
import { tableTooltip } from '@/components/legend';
import { chartRows, type AggTable } from '@/lib/aggregate-table';
import { formatShare } from '@/lib/format';

/** Shares of records by a group with no population in the reference data (sex, age band). */
export function sharesTable(counts: ReadonlyMap<string, { n: number }>, order: readonly string[], label: string): AggTable {
  const total = [...counts.values()].reduce((a, c) => a + c.n, 0);
  return {
    columns: [
      { key: 'grp', label, kind: 'label' },
      { key: 'n', label: 'Records', kind: 'count' },
      { key: 'total', label: 'All records', kind: 'total' },
      { key: 'share', label: 'Share', kind: 'value', basedOn: ['n', 'total'], format: formatShare },
    ],
    rows: order.map((g) => {
      const n = counts.get(g)?.n ?? 0;
      return { grp: g, n, total, share: total > 0 ? n / total : null };
    }),
    totals: { rows: false, columns: true },
  };
}

function SharesPanelView({ title, slug, table, publish }: { title: string; slug: string; table: AggTable; publish: boolean }) {
  const data = chartRows(table, publish);
  return (
    <ChartPanel title={title} slug={slug} table={table} description="Shares of records: the reference data hold no population by sex or by these age bands for the areas, so no rates are given.">
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 16 }}>
          <CartesianGrid stroke="#e5e7eb" horizontal={false} />
          <XAxis type="number" tickFormatter={formatShare} tick={{ fontSize: 12 }} domain={[0, 'auto']} />
          <YAxis type="category" dataKey="grp" tick={{ fontSize: 12 }} width={90} />
          <Tooltip formatter={tableTooltip(formatShare)} />
          <Bar dataKey="share" name="Share" fill="#0072B2" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartPanel>
  );
}

// Redrawn only when their own figures change, not on every render of the page.
export const SharesPanel = memo(SharesPanelView);
