import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SOURCE_LABELS, type SourceId } from '@/data/ingest/contracts';
import { ChartPanel } from '@/components/chart-panel';
import { tableTooltip } from '@/components/legend';
import { chartRows } from '@/lib/aggregate-table';
import { formatCount, formatDate } from '@/lib/format';
import { displayCount } from '@/lib/suppression';
import { crossingsTable } from './partnership-panels';
import type { CrossingRow, RepeatChild } from './partnership-queries';

export function HarmPanel({ crossings, children, threshold, onThreshold, publish }: { crossings: readonly CrossingRow[]; children: readonly RepeatChild[]; threshold: number; onThreshold: (n: number) => void; publish: boolean }) {
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
            <XAxis dataKey="month" minTickGap={24} tick={{ fontSize: 12 }} />
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
        ) : children.length === 0 ? (
          <p>No child reaches the threshold within the filters.</p>
        ) : (
          <>
            <p className="muted small">
              Pseudonymous references only, with places at ward level. The {children.length === 200 ? 'first 200' : children.length} by the most incidents in any 12 months. Open one to see the timeline.
            </p>
            <ul className="child-list" data-testid="children-list">
              {children.map((c) => (
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
