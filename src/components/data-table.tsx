import type { Row } from '@/data/db-types';

interface DataTableProps {
  columns: readonly string[];
  rows: readonly Row[];
  caption?: string;
  /** Formats a cell for display; the raw value is used when omitted. */
  format?: (column: string, value: Row[string]) => string;
}

function display(value: Row[string]): string {
  if (value === null) return '';
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
  return String(value);
}

export function DataTable({ columns, rows, caption, format }: DataTableProps) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption ?? 'Results'}>
      <table className="data-table">
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map((c) => {
                const v = row[c] ?? null;
                return (
                  <td key={c} className={typeof v === 'number' ? 'num' : v === null ? 'null' : undefined}>
                    {format ? format(c, v) : display(v)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
