import { SOURCE_LABELS } from '@/data/ingest/contracts';
import { useDbStatus } from '@/data/use-db';
import { formatCount, formatDate, formatDateTime } from '@/lib/format';
import { useExtracts, useRemoveExtract } from './extracts-query';

export function ExtractsList() {
  const status = useDbStatus();
  const extracts = useExtracts();
  const remove = useRemoveExtract(status.state === 'ready' ? status.db : undefined);
  if (extracts.isPending) return <p className="muted">Reading the list of loaded extracts…</p>;
  if (extracts.isError) return <p role="alert">Could not list extracts: {extracts.error.message}</p>;
  if (extracts.data.length === 0) return <p className="muted">No extracts are loaded. Choose or drop files above to load some.</p>;
  return (
    <>
      {remove.isError && (
        <div role="alert" className="error-box">
          Could not remove the extract: {remove.error.message}
        </div>
      )}
      <div className="table-scroll" role="region" aria-label="Loaded extracts" tabIndex={0}>
        <table className="data-table extracts-table">
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">File</th>
              <th scope="col">Rows</th>
              <th scope="col">Rejected</th>
              <th scope="col">Dates</th>
              <th scope="col">Loaded at</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {extracts.data.map((x) => (
              <tr key={x.extract_id}>
                <td>
                  {SOURCE_LABELS[x.source]}
                  {x.is_demo && <span className="badge synthetic-badge">synthetic</span>}
                </td>
                <td>{x.file_name}</td>
                <td className="num">
                  {formatCount(x.rows_current)}
                  {x.rows_current !== x.rows_loaded && <span className="muted"> of {formatCount(x.rows_loaded)} (rest replaced)</span>}
                </td>
                <td className="num">{formatCount(x.rows_rejected)}</td>
                <td>{x.date_from && x.date_to ? `${formatDate(x.date_from)} – ${formatDate(x.date_to)}` : '—'}</td>
                <td>{formatDateTime(x.loaded_at)}</td>
                <td>
                  <button
                    type="button"
                    className="danger"
                    disabled={remove.isPending}
                    onClick={() => remove.mutate({ extractId: x.extract_id, source: x.source })}
                    aria-label={`Remove ${x.file_name}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
