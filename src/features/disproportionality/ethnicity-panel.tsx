import { memo } from 'react';
import type { Denominators } from '@/data/denominators';
import { ChartPanel } from '@/components/chart-panel';
import { shapeTable } from '@/lib/aggregate-table';
import { formatCount, formatShare } from '@/lib/format';
import { displayCount, displayDerived } from '@/lib/suppression';
import { ethnicityTable, NOT_RECORDED_WARNING, type EthnicityFigures } from './ethnicity-rates';
import { ForestPlot } from './forest-plot';

export function NotRecordedNote({ figures, sourceLabel, publish }: { figures: EthnicityFigures; sourceLabel: string; publish: boolean }) {
  const share = figures.notRecordedShare;
  const high = share !== null && share >= NOT_RECORDED_WARNING;
  return (
    <p className={high ? 'warn-box not-recorded' : 'not-recorded'} role="note" aria-label="Ethnicity not recorded" data-testid="not-recorded">
      <strong>Ethnicity not recorded: {displayDerived(share, [figures.notRecorded, figures.total], publish, formatShare)}</strong> of {sourceLabel} records ({displayCount(figures.notRecorded, publish, formatCount)} of{' '}
      {displayCount(figures.total, publish, formatCount)}).
      {high && ' That is enough to change the picture: if the missing records are not spread like the recorded ones, every rate and RRI below moves. The last column shows the RRI if every one of them were White.'}
    </p>
  );
}

function EthnicityPanelView({ figures, denominators, sourceLabel, publish }: { figures: EthnicityFigures; denominators: Denominators; sourceLabel: string; publish: boolean }) {
  const table = ethnicityTable(figures);
  const shaped = shapeTable(table, publish);
  const col = (key: string) => table.columns.findIndex((c) => c.key === key);
  const forest = shaped
    .map((cells, i) => ({ label: String(table.rows[i]!.group), rri: cells[col('rri')]!, lower: cells[col('lower')]!, upper: cells[col('upper')]! }))
    .filter((r) => r.label !== 'White' && r.label !== 'Not recorded');
  return (
    <ChartPanel
      title={`Rates by ethnic group and relative rate index: ${sourceLabel}`}
      slug="ethnicity-rri"
      table={table}
      note={`Denominator: ${denominators.label}.`}
      description={
        <>
          <NotRecordedNote figures={figures} sourceLabel={sourceLabel} publish={publish} />
          {denominators.caveat && <p className="warn-text">{denominators.caveat}</p>}
        </>
      }
    >
      <ForestPlot rows={forest} />
      <ul className="rri-summary" data-testid="rri-summary">
        {shaped.map((cells, i) => {
          const g = String(table.rows[i]!.group);
          if (g === 'White' || g === 'Not recorded') return null;
          return (
            <li key={g}>
              <strong>{g}</strong>: {cells[col('rate')]!.text} per 1,000 (White {shaped.find((_, k) => table.rows[k]!.group === 'White')?.[col('rate')]?.text ?? '—'}); RRI {cells[col('rri')]!.text}
              {cells[col('rri')]!.value !== null && ` (95% CI ${cells[col('lower')]!.text} to ${cells[col('upper')]!.text}): ${String(table.rows[i]!.verdict).startsWith('yes') ? 'a difference beyond chance' : 'not clearly different'}`}
            </li>
          );
        })}
      </ul>
    </ChartPanel>
  );
}

// Redrawn only when their own figures change, not on every render of the page.
export const EthnicityPanel = memo(EthnicityPanelView);
