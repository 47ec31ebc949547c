import { useQuery } from '@tanstack/react-query';
import type { Db } from '@/data/db-types';
import { dbQuery } from '@/data/db-query';
import type { Filters } from '@/data/filters';
import { SOURCE_LABELS, type SourceId } from '@/data/ingest/contracts';
import { useDbStatus } from '@/data/use-db';
import { useFilters } from '@/data/use-filters';
import { ChartPanel } from '@/components/chart-panel';
import { FilterBar } from '@/components/filter-bar';
import { PageHeader } from '@/components/page-header';
import type { AggColumn, AggTable } from '@/lib/aggregate-table';
import { formatCount, formatMonth, formatShare } from '@/lib/format';
import { displayCount } from '@/lib/suppression';
import { completeness, worstGaps, type CompletenessRow, type FieldCompleteness } from './completeness';
import { completenessSql, WARNINGS_SQL } from './quality-sql';

const completenessQuery = (db: Db | undefined, filters: Filters) =>
  dbQuery(db, ['completeness', filters], (d) => {
    const q = completenessSql(filters);
    return d.query<CompletenessRow & Record<string, string | number>>(q.sql, q.params);
  });

interface WarningRow {
  file_name: string;
  source: string;
  kind: string;
  count: number;
  example: string | null;
}
const warningsQuery = (db: Db | undefined) => dbQuery(db, ['load-warnings'], (d) => d.query<WarningRow & Record<string, string | number | null>>(WARNINGS_SQL));

const MONTHS_SHOWN = 12;
const label = (s: string) => SOURCE_LABELS[s as SourceId] ?? s;

function shade(share: number | null): string | undefined {
  if (share === null) return undefined;
  // red below 50%, amber to 90%, green above: plus the number itself, so colour is never the only cue
  return share < 0.5 ? '#f8d7d3' : share < 0.9 ? '#fdecc8' : '#d8eedc';
}

export function completenessTable(items: readonly FieldCompleteness[], months: readonly string[]): AggTable {
  const columns: AggColumn[] = [
    { key: 'what', label: 'Source and field', kind: 'label' },
    ...months.map((m): AggColumn => ({ key: m, label: formatMonth(m), kind: 'value', format: formatShare })),
    { key: 'overall', label: 'Whole period', kind: 'value', format: formatShare },
    { key: 'of', label: 'Records', kind: 'total' },
  ];
  return { columns, rows: items.map((i) => ({ what: `${label(i.source)}: ${i.label}`, ...Object.fromEntries(months.map((m) => [m, i.byMonth.get(m) ?? null])), overall: i.overall, of: i.of })) };
}

export function QualityPage() {
  const { filters } = useFilters();
  const status = useDbStatus();
  const db = status.state === 'ready' ? status.db : undefined;
  const rows = useQuery(completenessQuery(db, filters));
  const warnings = useQuery(warningsQuery(db));
  const items = rows.data ? completeness(rows.data) : [];
  const months = [...new Set(rows.data?.map((r) => r.month) ?? [])].sort().slice(-MONTHS_SHOWN);
  const table = completenessTable(items, months);
  const gaps = worstGaps(items);
  return (
    <>
      <PageHeader title="Data quality" lede="How complete each partner's records are, month by month: the gaps that limit what the other views can say." />
      <FilterBar />
      {rows.error && <p role="alert">Could not compute completeness: {rows.error.message}</p>}
      {rows.data && (
        <>
          <section className="card" aria-labelledby="worst-gaps">
            <h2 id="worst-gaps">The worst gaps</h2>
            {gaps.length === 0 ? (
              <p>Every field is at least 95% complete within the filters.</p>
            ) : (
              <ol data-testid="worst-gaps">
                {gaps.map((g) => (
                  <li key={`${g.source}-${g.field}`}>
                    <strong>
                      {label(g.source)}: {g.label.toLowerCase()}
                    </strong>{' '}
                    in {formatShare(g.overall!)} of {displayCount(g.of, filters.publish, formatCount)} records{g.overall === 0 ? ' — this source never records it' : ''}.
                  </li>
                ))}
              </ol>
            )}
          </section>
          <ChartPanel title={`Completeness by month (the last ${months.length} months)`} slug="completeness" table={table} png={false} description="Share of records with each field filled in. Green 90% or more, amber 50–90%, red under 50%.">
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Completeness heatmap">
              <table className="data-table quality-table">
                <thead>
                  <tr>
                    <th scope="col">Source and field</th>
                    {months.map((m) => (
                      <th key={m} scope="col" className="num">
                        {formatMonth(m)}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      Whole period
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((i) => (
                    <tr key={`${i.source}-${i.field}`}>
                      <th scope="row">
                        {label(i.source)}: {i.label}
                      </th>
                      {months.map((m) => {
                        const v = i.byMonth.get(m) ?? null;
                        return (
                          <td key={m} className="q" style={{ background: shade(v) }}>
                            {v === null ? '—' : formatShare(v)}
                          </td>
                        );
                      })}
                      <td className="q" style={{ background: shade(i.overall) }}>
                        <strong>{i.overall === null ? '—' : formatShare(i.overall)}</strong>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </ChartPanel>
        </>
      )}
      <section className="card" aria-labelledby="load-warnings">
        <h2 id="load-warnings">Warnings from loading</h2>
        {!warnings.data || warnings.data.length === 0 ? (
          <p>No warnings: every value in the loaded extracts was recognised.</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Load warnings">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Source</th>
                  <th scope="col">Warning</th>
                  <th scope="col" className="num">
                    Rows
                  </th>
                  <th scope="col">Example</th>
                </tr>
              </thead>
              <tbody>
                {warnings.data.map((w, i) => (
                  <tr key={i}>
                    <td>{w.file_name}</td>
                    <td>{label(w.source)}</td>
                    <td>{w.kind}</td>
                    <td className="num">{formatCount(w.count)}</td>
                    <td>{w.example ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
