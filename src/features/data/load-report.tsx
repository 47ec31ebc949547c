import { useState } from 'react';
import type { LoadReport } from '@/data/ingest/load-extract';
import { rejectionsOf } from '@/data/ingest/extracts';
import { SOURCE_LABELS } from '@/data/ingest/contracts';
import type { Db } from '@/data/db-types';
import { toCsv } from '@/lib/csv';
import { downloadFile } from '@/lib/download';
import { formatCount, formatDate } from '@/lib/format';
import { DataTable } from '@/components/data-table';

export function LoadReportView({ report, db }: { report: LoadReport; db: Db | undefined }) {
  const [error, setError] = useState<string | null>(null);
  // a workbook's rows are named by their row in the sheet, not a line of text
  const lineLabel = report.readFrom ? 'Sheet row' : 'Line';
  const downloadRejections = async () => {
    if (!db) return;
    try {
      const rows = await rejectionsOf(db, report.extractId);
      downloadFile(`${report.fileName}-rejected-rows.csv`, toCsv(['line', 'reason', 'record'], rows), 'text/csv;charset=utf-8');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section className="load-report" aria-label={`Validation report for ${report.fileName}`}>
      <h3>Validation report</h3>
      <dl className="report-counts">
        <div>
          <dt>Source</dt>
          <dd>{SOURCE_LABELS[report.source]}</dd>
        </div>
        {report.readFrom && (
          <div>
            <dt>Read from</dt>
            <dd data-testid="read-from">{report.readFrom}</dd>
          </div>
        )}
        <div>
          <dt>Rows read</dt>
          <dd data-testid="rows-read">{formatCount(report.rowsRead)}</dd>
        </div>
        <div>
          <dt>Loaded</dt>
          <dd data-testid="rows-loaded">{formatCount(report.rowsLoaded)}</dd>
        </div>
        <div>
          <dt>Rejected</dt>
          <dd data-testid="rows-rejected">{formatCount(report.rowsRejected)}</dd>
        </div>
        <div>
          <dt>Repeated keys dropped</dt>
          <dd>{formatCount(report.rowsDuplicate)}</dd>
        </div>
        <div>
          <dt>Replaced earlier rows</dt>
          <dd>{formatCount(report.rowsReplaced)}</dd>
        </div>
        <div>
          <dt>Dates</dt>
          <dd>{report.dateFrom && report.dateTo ? `${formatDate(report.dateFrom)} – ${formatDate(report.dateTo)}` : '—'}</dd>
        </div>
      </dl>
      {report.warnings.length > 0 && (
        <>
          <h4>Warnings (rows kept)</h4>
          <DataTable
            caption={`Warnings for ${report.fileName}`}
            columns={['Warning', 'Rows', `First at ${lineLabel.toLowerCase()}`, 'Example']}
            rows={report.warnings.map((w) => ({ Warning: w.kind, Rows: w.count, [`First at ${lineLabel.toLowerCase()}`]: w.firstLine, Example: w.example ?? '—' }))}
            format={(c, v) => (c === 'Rows' && typeof v === 'number' ? formatCount(v) : v === null ? '—' : String(v))}
          />
        </>
      )}
      {report.rowsRejected > 0 && (
        <>
          <h4>
            Rejected rows{report.rowsRejected > report.firstRejections.length && ` (first ${report.firstRejections.length} of ${formatCount(report.rowsRejected)})`}
          </h4>
          <DataTable
            caption={`Rejected rows of ${report.fileName}`}
            columns={[lineLabel, 'Reason']}
            rows={report.firstRejections.map((r) => ({ [lineLabel]: r.line, Reason: r.reason }))}
          />
          <button type="button" onClick={downloadRejections}>
            Download all rejected rows (CSV)
          </button>
          {error && <p role="alert">{error}</p>}
        </>
      )}
    </section>
  );
}
