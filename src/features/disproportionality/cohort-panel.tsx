import { memo } from 'react';
import { ChartPanel } from '@/components/chart-panel';
import type { AggColumn, AggTable } from '@/lib/aggregate-table';
import { formatShare } from '@/lib/format';
import type { CohortRow } from './group-queries';

const FLAGS: readonly { key: keyof CohortRow & string; label: string }[] = [
  { key: 'send', label: 'SEND' },
  { key: 'ehcp', label: 'EHC plan' },
  { key: 'looked_after', label: 'Looked after' },
  { key: 'exploitation_concern', label: 'Exploitation concern' },
  { key: 'first_time_entrant', label: 'First-time entrant' },
];

export function cohortTable(rows: readonly CohortRow[]): AggTable {
  const columns: AggColumn[] = [{ key: 'grp', label: 'Children', kind: 'label' }, { key: 'children', label: 'Number', kind: 'count' }];
  for (const f of FLAGS) {
    columns.push({ key: f.key, label: f.label, kind: 'count' });
    columns.push({ key: `${f.key}_share`, label: `${f.label} %`, kind: 'value', basedOn: ['children', f.key], format: formatShare });
  }
  const order = (r: CohortRow) => (r.grouping_by === 'all' ? 0 : r.grouping_by === 'ethnicity' ? 1 : 2);
  return {
    columns,
    rows: [...rows]
      .sort((a, b) => order(a) - order(b))
      .map((r) => ({
        grp: r.grouping_by === 'all' ? 'All children' : `${r.grouping_by === 'ethnicity' ? 'Ethnicity' : 'Sex'}: ${r.grp}`,
        children: r.children,
        ...Object.fromEntries(FLAGS.flatMap((f) => [[f.key, r[f.key] as number], [`${f.key}_share`, r.children > 0 ? (r[f.key] as number) / r.children : null]])),
      })),
    totals: { rows: false, columns: true },
  };
}

function CohortPanelView({ rows }: { rows: readonly CohortRow[] }) {
  return (
    <ChartPanel
      title="The youth justice cohort"
      slug="yjs-cohort"
      tableOnly
      table={cohortTable(rows)}
      emptyText="No Youth Justice Service records match the filters."
      description="Children with a violence-related offence in the YJS extract, each counted once (by their latest record), with the share carrying each flag on any record. The inspection found children with special educational needs over-represented here."
    >
      {null}
    </ChartPanel>
  );
}

// Redrawn only when their own figures change, not on every render of the page.
export const CohortPanel = memo(CohortPanelView);
