import { useId, useRef, useState, type ReactNode } from 'react';
import { exportPreamble } from '@/data/export-records';
import { useDemoPresence } from '@/data/demo-data';
import { useFilters } from '@/data/use-filters';
import { shapeTable, tableCsv, type AggTable } from '@/lib/aggregate-table';
import { downloadFile } from '@/lib/download';
import { chartToPng, type PngLegendItem } from '@/lib/png-export';

interface ChartPanelProps {
  title: string;
  /** a file name stem for exports, e.g. "monthly-by-source" */
  slug: string;
  /** the numbers the chart draws: shown as the table alternative and exported as CSV */
  table: AggTable;
  children: ReactNode;
  description?: ReactNode;
  legend?: readonly PngLegendItem[];
  /** words beside the toolbar, e.g. the denominator in use */
  note?: ReactNode;
  /** false for panels drawn as HTML rather than a chart: no PNG button */
  png?: boolean;
  /** shown instead of the chart when the table is empty; null draws the children anyway */
  emptyText?: string | null;
  /** the table is the display (no chart): no toggle, no PNG */
  tableOnly?: boolean;
  /** column headers sort the table alternative */
  sortable?: boolean;
}

/**
 * A chart with its table alternative (a toggle), a CSV of that table and a PNG of the chart. The
 * table and CSV go through the same publishing-mode rules as the chart.
 */
export function ChartPanel({ title, slug, table, children, description, legend = [], note, png = true, emptyText = 'No records match the filters.', tableOnly = false, sortable = false }: ChartPanelProps) {
  const { filters } = useFilters();
  const demo = useDemoPresence();
  const [showTable, setShowTable] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const chartRef = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const stamp = () => new Date();

  const downloadCsv = () => {
    const madeAt = stamp();
    downloadFile(`${slug}-${madeAt.toISOString().slice(0, 10)}.csv`, tableCsv(table, filters.publish, exportPreamble(filters, madeAt, demo.loaded, title)), 'text/csv;charset=utf-8');
  };
  const downloadPng = async () => {
    if (!chartRef.current) return;
    setProblem(null);
    try {
      const madeAt = stamp();
      const header = exportPreamble(filters, madeAt, demo.loaded, title).map((l) => l.replace(/^# /, ''));
      downloadFile(`${slug}-${madeAt.toISOString().slice(0, 10)}.png`, await chartToPng(chartRef.current, header, legend), 'image/png');
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="card chart-panel" aria-labelledby={headingId}>
      <div className="chart-head">
        <h2 id={headingId}>{title}</h2>
        <div className="chart-tools">
          {note && <span className="muted small">{note}</span>}
          {!tableOnly && (
            <button type="button" aria-pressed={showTable} onClick={() => setShowTable((v) => !v)}>
              {showTable ? 'Show chart' : 'Show table'}
            </button>
          )}
          <button type="button" onClick={downloadCsv} disabled={table.rows.length === 0}>
            CSV
          </button>
          {png && !tableOnly && (
            <button type="button" onClick={() => void downloadPng()} disabled={showTable || table.rows.length === 0} title={showTable ? 'Switch to the chart to save it as an image' : undefined}>
              PNG
            </button>
          )}
        </div>
      </div>
      {description && <div className="chart-description">{description}</div>}
      {problem && <p role="alert">{problem}</p>}
      {table.rows.length === 0 && emptyText !== null ? (
        <p className="empty-state">{emptyText}</p>
      ) : showTable || tableOnly ? (
        <AggregateTableView table={table} publish={filters.publish} caption={title} sortable={sortable} />
      ) : (
        <div ref={chartRef} className="chart-body">
          {children}
        </div>
      )}
    </section>
  );
}

/** The table alternative: the same numbers as the chart, after publishing-mode rules. */
export function AggregateTableView({ table, publish, caption, sortable = false }: { table: AggTable; publish: boolean; caption: string; sortable?: boolean }) {
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 } | null>(null);
  const shaped = shapeTable(table, publish);
  const order = table.rows.map((_, i) => i);
  if (sort) {
    const j = table.columns.findIndex((c) => c.key === sort.key);
    // sort by what is shown: a hidden number sorts as missing, so the order cannot reveal it
    const key = (i: number) => {
      const cell = shaped[i]![j]!;
      return cell.numeric ? cell.value : cell.text;
    };
    order.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === null || x === '') return 1;
      if (y === null || y === '') return -1;
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en-GB', { numeric: true })) * sort.dir;
    });
  }
  const toggle = (key: string) => setSort((s) => (s?.key === key ? { key, dir: s.dir === 1 ? -1 : 1 } : { key, dir: table.columns.find((c) => c.key === key)?.kind === 'label' ? 1 : -1 }));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={`${caption}: table`}>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c.key} scope="col" className={c.kind === 'label' ? undefined : 'num'} aria-sort={sort?.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}>
                {sortable ? (
                  <button type="button" className="sort-button" onClick={() => toggle(c.key)}>
                    {c.label}
                    <span aria-hidden="true">{sort?.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {order.map((i) => (
            <tr key={i}>
              {shaped[i]!.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell.text}
                  </th>
                ) : (
                  <td key={j} className={cell.numeric ? (cell.hidden ? 'num suppressed' : 'num') : undefined}>
                    {cell.text}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
