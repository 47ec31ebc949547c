import { useId, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { FIELDS, missingRequired, SOURCE_IDS, SOURCE_LABELS, type ColumnMapping, type SourceId } from '@/data/ingest/contracts';
import type { InspectedFile } from '@/data/ingest/inspect-file';
import { loadFile, type LoadProgress } from '@/data/ingest/load-file';
import { LOAD_STAGES } from '@/data/ingest/load-extract';
import type { LoadReport } from '@/data/ingest/load-extract';
import { DB_ROOT_KEY, type DbSession } from '@/data/use-db';
import { formatBytes, formatCount } from '@/lib/format';
import { LoadReportView } from './load-report';
import { useExtracts } from './extracts-query';
import { unchangedNote } from './unchanged-note';
import { ENCODING_LABELS } from '@/data/ingest/text-encoding';

type Phase = { kind: 'ready' } | { kind: 'loading'; progress: LoadProgress } | { kind: 'done'; report: LoadReport } | { kind: 'failed'; message: string };

interface PendingFileProps {
  inspected: InspectedFile;
  session: DbSession | undefined;
  onDismiss: () => void;
  /** reads another sheet of a workbook in this file's place */
  onChooseSheet: (sheet: string) => void;
}

/** Which sheet of a workbook was read, and a choice of the others when the app could not be sure. */
function SheetLine({ inspected, onChooseSheet }: Pick<PendingFileProps, 'inspected' | 'onChooseSheet'>) {
  const sheetId = useId();
  const book = inspected.workbook;
  if (!book) return null;
  const recognised = book.sheets.filter((s) => s.headerRow !== null).length;
  const current = book.sheets.find((s) => s.name === book.sheet);
  const where = `header in row ${book.headerRow}${book.headerRow > 1 ? ' (the rows above it skipped)' : ''}`;
  return (
    <div className="toolbar" data-sheet={book.sheet}>
      {book.sheets.length > 1 && recognised !== 1 ? (
        <>
          <label htmlFor={sheetId} className="field-label inline">
            Sheet
          </label>
          <select id={sheetId} value={book.sheet} onChange={(e) => onChooseSheet(e.target.value)}>
            {book.sheets.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
                {s.source ? ` — ${SOURCE_LABELS[s.source]} extract` : ''}
              </option>
            ))}
          </select>
          <span className={recognised === 0 ? 'warn-text' : 'muted'}>
            {recognised === 0 ? 'No sheet has a header the app recognises: choose the sheet, then the columns.' : `${recognised} sheets hold extracts: choose the one to load.`} Read:
            “{book.sheet}”, {where}.
          </span>
        </>
      ) : (
        <span className="muted">
          Read from sheet “{book.sheet}”{book.sheets.length > 1 ? ` of ${book.sheets.length}` : ''}, {where}
          {current?.headerRow === null ? ' (not recognised: check the columns)' : ''}.
        </span>
      )}
    </div>
  );
}

export function PendingFile({ inspected, session, onDismiss, onChooseSheet }: PendingFileProps) {
  const [source, setSource] = useState<SourceId | ''>(inspected.detected ?? '');
  const [overrides, setOverrides] = useState<Partial<Record<SourceId, ColumnMapping>>>({});
  const [phase, setPhase] = useState<Phase>({ kind: 'ready' });
  const controller = useRef<AbortController | null>(null);
  const client = useQueryClient();
  const extracts = useExtracts();
  const note = unchangedNote(extracts.data?.length);
  const selectId = useId();

  const mapping: ColumnMapping = source ? { ...inspected.mappings?.[source], ...overrides[source] } : {};
  const missing = source ? missingRequired(source, mapping) : [];
  const file = inspected.file;

  const setField = (field: string, header: string) => {
    if (!source) return;
    setOverrides((o) => {
      const next = { ...mapping };
      if (header === '') delete next[field];
      else next[field] = header;
      return { ...o, [source]: next };
    });
  };

  const load = async () => {
    if (!session || !source) return;
    controller.current = new AbortController();
    setPhase({ kind: 'loading', progress: { name: 'Preparing', step: 0, steps: LOAD_STAGES.length, done: 0, rows: null } });
    try {
      const report = await loadFile(session, inspected, { source, mapping }, (progress) => setPhase({ kind: 'loading', progress }), controller.current.signal);
      setPhase({ kind: 'done', report });
    } catch (e) {
      setPhase({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    } finally {
      controller.current = null;
      await client.invalidateQueries({ queryKey: DB_ROOT_KEY });
    }
  };

  return (
    <article className="card pending-file" aria-label={`File ${file.name}`}>
      <header className="pending-head">
        <h3>{file.name}</h3>
        <span className="muted">
          {formatBytes(file.size)} · {inspected.workbook ? 'Excel workbook' : inspected.format.toUpperCase()}
          {inspected.gzip ? ' (gzip)' : ''}
          {inspected.encoding !== 'utf-8' ? ` · ${ENCODING_LABELS[inspected.encoding]} text` : ''} · {inspected.headers.length} columns
        </span>
        {phase.kind !== 'loading' && (
          <button type="button" className="link-button" onClick={onDismiss} aria-label={`Dismiss ${file.name}`}>
            Dismiss
          </button>
        )}
      </header>

      {phase.kind === 'ready' && (
        <>
          <SheetLine inspected={inspected} onChooseSheet={onChooseSheet} />
          <div className="toolbar">
            <label htmlFor={selectId} className="field-label inline">
              Source
            </label>
            <select id={selectId} value={source} onChange={(e) => setSource(e.target.value as SourceId | '')}>
              <option value="">Choose the source…</option>
              {SOURCE_IDS.map((s) => (
                <option key={s} value={s}>
                  {SOURCE_LABELS[s]}
                </option>
              ))}
            </select>
            {inspected.detected ? (
              <span className="muted">Recognised from the headers.</span>
            ) : (
              <span className="warn-text">Not recognised from the headers: choose the source.</span>
            )}
          </div>
          {source && (
            <details className="mapping" open={missing.length > 0}>
              <summary>
                Column mapping{' '}
                {missing.length > 0 ? <span className="warn-text">— required column missing: {missing.join(', ')}</span> : <span className="muted">— all required columns found</span>}
              </summary>
              <table className="data-table mapping-table">
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Column in the file</th>
                  </tr>
                </thead>
                <tbody>
                  {FIELDS[source].map((f) => (
                    <tr key={f.name}>
                      <td>
                        <code>{f.name}</code>
                        {f.required && <span className="required"> required</span>}
                      </td>
                      <td>
                        <select aria-label={`Column for ${f.name}`} value={mapping[f.name] ?? ''} onChange={(e) => setField(f.name, e.target.value)}>
                          <option value="">(none)</option>
                          {inspected.headers.map((h) => (
                            <option key={h} value={h}>
                              {h}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
          {inspected.preview.length > 0 && (
            <details className="preview">
              <summary>Preview of the first {inspected.preview.length} rows</summary>
              <div className="table-scroll short" role="region" aria-label={`Preview of ${file.name}`} tabIndex={0}>
                <table className="data-table">
                  <thead>
                    <tr>
                      {inspected.headers.map((h, i) => (
                        <th key={`${h}-${i}`} scope="col">
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {inspected.preview.map((row, r) => (
                      <tr key={r}>
                        {inspected.headers.map((_, c) => (
                          <td key={c}>{row[c] ?? ''}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          )}
          <div className="toolbar">
            <button type="button" className="primary" disabled={!session || !source || missing.length > 0} onClick={load}>
              Load {file.name}
            </button>
          </div>
        </>
      )}

      {phase.kind === 'loading' && (
        <div className="progress-block">
          <label className="field-label" htmlFor={`${selectId}-progress`}>
            {phase.progress.step > 0 ? `Step ${phase.progress.step} of ${phase.progress.steps}: ` : ''}
            {phase.progress.name} — {formatBytes(file.size)}
            {phase.progress.rows !== null && `, ${formatCount(phase.progress.rows)} rows`}
          </label>
          <progress
            id={`${selectId}-progress`}
            max={1}
            value={phase.progress.done}
            aria-valuetext={`Step ${phase.progress.step} of ${phase.progress.steps}: ${phase.progress.name}`}
          />
          <button type="button" onClick={() => controller.current?.abort()}>
            Cancel
          </button>
        </div>
      )}

      {phase.kind === 'failed' && (
        <div role="alert" className="error-box">
          <strong>{file.name} was not loaded.</strong> {phase.message}
          {note && ` ${note}`}
        </div>
      )}
      {phase.kind === 'done' && (
        <>
          <p className="ok-text" role="status">
            Loaded {file.name}.
          </p>
          <LoadReportView report={phase.report} db={session?.db} />
        </>
      )}
    </article>
  );
}
