import { SOURCE_LABELS } from '@/data/ingest/contracts';
import { guideColumns, keyColumns, PARTNER_SOURCES, templateCsv, templateXlsx, type PartnerSource } from '@/data/ingest/partner-guide';
import { DataTable } from '@/components/data-table';
import { downloadFile } from '@/lib/download';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function ExtractGuide({ source }: { source: PartnerSource }) {
  const label = SOURCE_LABELS[source];
  const key = keyColumns(source);
  return (
    <details className="guide-extract">
      <summary>
        {label} extract <span className="muted">({source})</span>
      </summary>
      <div className="toolbar">
        <button type="button" onClick={() => downloadFile(`${source}-template.csv`, templateCsv(source), 'text/csv;charset=utf-8')}>
          {label} template (CSV)
        </button>
        <button type="button" onClick={() => downloadFile(`${source}-template.xlsx`, templateXlsx(source), XLSX_TYPE)}>
          {label} template (Excel)
        </button>
      </div>
      <p>
        <strong>Key:</strong> {key.map((k, i) => (
          <span key={k}>
            {i > 0 && ' + '}
            <code>{k}</code>
          </span>
        ))}. A row whose
        key repeats an earlier row of the file is dropped; loading the extract again replaces the rows with the same keys, so nothing is counted twice.
      </p>
      <DataTable
        caption={`Columns of the ${label.toLowerCase()} extract`}
        columns={['Column', 'Required', 'Also read from', 'Values']}
        rows={guideColumns(source).map((c) => ({ Column: c.name, Required: c.required ? 'yes' : '', 'Also read from': c.aliases.join(', '), Values: c.values }))}
      />
    </details>
  );
}

/** What partners' data officers should send, with a template of each extract to fill in. */
export function PartnerGuidePanel() {
  return (
    <section className="card" aria-labelledby="guide-heading">
      <h2 id="guide-heading">What to send</h2>
      <p>
        Each partner sends one extract a month as CSV, TSV or an Excel workbook (.xlsx), with a header row. Column names are matched
        ignoring case, spaces and dots; extra columns are fine and ignored. Text may be UTF-8, UTF-16 or Windows-1252 (what Excel's
        “CSV (Comma delimited)” writes). Dates are day first (31/01/2024) or year first (2024-01-31). A row is rejected only when its key,
        its date or a required value is missing or invalid; the report gives the line of each.
      </p>
      {PARTNER_SOURCES.map((s) => (
        <ExtractGuide key={s} source={s} />
      ))}
    </section>
  );
}
