import { useId, memo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SOURCE_LABELS, type SourceId } from '@/data/ingest/contracts';
import { ChartPanel } from '@/components/chart-panel';
import { tableTooltip } from '@/components/legend';
import { chartRows } from '@/lib/aggregate-table';
import { formatCount, formatDate } from '@/lib/format';
import { displayCount } from '@/lib/suppression';
import { crossingsTable } from './partnership-panels';
import type { CrossingRow, RepeatChild } from './partnership-queries';
import { monthTickInterval } from '@/lib/months';

interface Props {
  crossings: readonly CrossingRow[];
  threshold: number;
  onThreshold: (n: number) => void;
  publish: boolean;
  /** the analysts' list: undefined until asked for, null while it is fetched */
  list: readonly RepeatChild[] | null | undefined;
  listError: string | null;
  onShowList: () => void;
}

function HarmPanelView({ crossings, threshold, onThreshold, publish, list, listError, onShowList }: Props) {
  const id = useId();
  const table = crossingsTable(crossings);
  const data = chartRows(table, publish);
  const total = crossings.reduce((a, r) => a + r.children, 0);
  return (
    <>
      <ChartPanel
        title="Cumulative harm: children with repeated incidents"
        slug="cumulative-harm"
        table={table}
        description={
          <>
            <label htmlFor={id}>Incidents within 12 months, across agencies: </label>
            <select id={id} value={threshold} onChange={(e) => onThreshold(Number(e.target.value))}>
              {[2, 3, 4, 5, 6].map((n) => (
                <option key={n} value={n}>
                  {n} or more
                </option>
              ))}
            </select>{' '}
            <span data-testid="harm-summary">
              {displayCount(total, publish, formatCount)} children reached {threshold} or more incidents within 12 months; each is counted in the month they first did.
            </span>
          </>
        }
      >
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="#e5e7eb" vertical={false} />
            <XAxis dataKey="month" interval={monthTickInterval(data.length, 10)} tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={formatCount} tick={{ fontSize: 12 }} width={48} />
            <Tooltip formatter={tableTooltip(formatCount)} />
            <Bar dataKey="children" name="Children crossing the line" fill="#CC79A7" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartPanel>
      <section className="card" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>Children to follow up (analysts only)</h2>
        {publish ? (
          <p data-testid="children-hidden">Not shown in publishing mode: a list of pseudonymous children is never published.</p>
        ) : list === undefined ? (
          <p>
            Pseudonymous children who reached the line, with their timelines, for follow-up by analysts.{' '}
            <button type="button" onClick={onShowList}>
              Show the children
            </button>
          </p>
        ) : listError ? (
          <p role="alert">Could not list the children: {listError}</p>
        ) : list === null ? (
          <p role="status" className="muted">
            Listing the children…
          </p>
        ) : list.length === 0 ? (
          <p>No child reaches the threshold within the filters.</p>
        ) : (
          <>
            <p className="muted small">
              Pseudonymous references only, with places at ward level. The {list.length === 200 ? 'first 200' : list.length} by the most incidents in any 12 months. Open one to see the timeline.
            </p>
            <ul className="child-list" data-testid="children-list">
              {list.map((c) => (
                <li key={c.person_ref}>
                  <details>
                    <summary>
                      <code>{c.person_ref}</code>: {c.most_in_12} incidents within 12 months ({c.events} in all), first reached the line on {formatDate(c.crossed)}; {c.sources.split(', ').map((s) => SOURCE_LABELS[s as SourceId] ?? s).join(', ')}
                    </summary>
                    <ol>
                      {c.timeline.map((entry, i) => {
                        const [date = '', source = '', category = '', ward = ''] = entry.split('|');
                        return (
                          <li key={i}>
                            {formatDate(date)} — {SOURCE_LABELS[source as SourceId] ?? source}: {category}, {ward}
                          </li>
                        );
                      })}
                    </ol>
                  </details>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

// Redrawn only when their own figures change, not on every render of the page.
export const HarmPanel = memo(HarmPanelView);
