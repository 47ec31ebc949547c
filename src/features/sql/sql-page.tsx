import { useId, useState, type KeyboardEvent } from 'react';
import { useDbStatus } from '@/data/use-db';
import { useFilters } from '@/data/use-filters';
import { regionName } from '@/data/region';
import { DataTable } from '@/components/data-table';
import { PageHeader } from '@/components/page-header';
import { downloadFile } from '@/lib/download';
import { formatCount } from '@/lib/format';
import { resultAsCsv, SHOWN_ROWS, useRunSql } from './run-sql';
import { SchemaList } from './schema-list';

const STARTER_SQL = `SELECT source, count(*) AS records
FROM events
GROUP BY source
ORDER BY records DESC`;

export function SqlPage() {
  const status = useDbStatus();
  const db = status.state === 'ready' ? status.db : undefined;
  const [sql, setSql] = useState(STARTER_SQL);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const { filters } = useFilters();
  const run = useRunSql(db, filters.region);
  const completedRuns = run.submittedAt;
  const inputId = useId();

  const submit = () => {
    if (sql.trim() && db) run.mutate(sql);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };
  const exportCsv = async () => {
    if (!db || !run.data) return;
    setExporting(true);
    setExportError(null);
    try {
      downloadFile('query-result.csv', await resultAsCsv(db, run.data.sql, new Date(), filters.region), 'text/csv;charset=utf-8');
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title="SQL console"
        lede={`Query the loaded extracts, the reference tables and the events view with DuckDB SQL. In events, in_area says whether a record's place is in ${regionName(filters.region)}, the partnership's area chosen in the top bar.`}
      />
      <div className="sql-layout">
        <section className="sql-main" aria-label="Query">
          <label htmlFor={inputId} className="field-label">
            SQL
          </label>
          <textarea
            id={inputId}
            className="sql-input"
            value={sql}
            spellCheck={false}
            rows={8}
            onChange={(e) => setSql(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <div className="toolbar">
            <button type="button" className="primary" onClick={submit} disabled={!db || run.isPending}>
              {run.isPending ? 'Running…' : 'Run'}
            </button>
            <span className="muted">Ctrl+Enter runs the query</span>
            {run.data && (
              <button type="button" onClick={exportCsv} disabled={exporting}>
                {exporting ? 'Exporting…' : 'Export CSV'}
              </button>
            )}
          </div>
          <div aria-live="polite" className="sql-output" data-completed-runs={run.isPending ? 'pending' : completedRuns}>
            {run.isError && (
              <div role="alert" className="error-box">
                <strong>The query failed.</strong>
                <pre>{run.error.message}</pre>
              </div>
            )}
            {exportError && (
              <div role="alert" className="error-box">
                Export failed: {exportError}
              </div>
            )}
            {run.data && !run.isError && (
              <>
                <p className="result-count">
                  {run.data.totalRows === 1 ? '1 row' : `${formatCount(run.data.totalRows)} rows`}
                  {run.data.totalRows > SHOWN_ROWS && ` (first ${formatCount(SHOWN_ROWS)} shown)`}
                </p>
                {run.data.refreshProblem && (
                  <p role="alert" className="warn-box">
                    The statement ran, but the <code>events</code> view could not be brought up to date, so every view still shows the data as it was before:{' '}
                    {run.data.refreshProblem}
                  </p>
                )}
                {run.data.columns.length > 0 && <DataTable columns={run.data.columns} rows={run.data.rows} caption="Query result" />}
              </>
            )}
          </div>
        </section>
        <aside className="sql-schema" aria-label="Tables and views">
          <h2>Tables and views</h2>
          <SchemaList onPick={(name) => setSql(`SELECT *\nFROM ${name}\nLIMIT 100`)} />
        </aside>
      </div>
    </>
  );
}
