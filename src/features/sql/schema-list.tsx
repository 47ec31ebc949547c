import { useSchema } from './schema-query';

export function SchemaList({ onPick }: { onPick: (name: string) => void }) {
  const schema = useSchema();
  if (schema.isPending) return <p className="muted">Reading tables…</p>;
  if (schema.isError) return <p role="alert">Could not list tables: {schema.error.message}</p>;
  if (schema.data.length === 0) return <p className="muted">No tables yet.</p>;
  return (
    <ul className="schema-list" aria-label="Tables and views">
      {schema.data.map((obj) => (
        <li key={obj.name}>
          <details>
            <summary>
              <span className="schema-name">{obj.name}</span> <span className="badge">{obj.kind}</span>
            </summary>
            <button type="button" className="link-button" onClick={() => onPick(obj.name)}>
              Query {obj.name}
            </button>
            <ul className="schema-columns">
              {obj.columns.map((c) => (
                <li key={c.name}>
                  <code>{c.name}</code> <span className="muted">{c.type}</span>
                </li>
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ul>
  );
}
