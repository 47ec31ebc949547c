import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { clearDenominators, parseDenominators, saveDenominators, type DenominatorProblem, type Denominators } from '@/data/denominators';
import type { Db } from '@/data/db-types';
import { DB_ROOT_KEY } from '@/data/use-db';
import { formatCount } from '@/lib/format';

/** Names the denominator in use and lets the user load their own, checked like an extract. */
export function DenominatorCard({ db, denominators }: { db: Db | undefined; denominators: Denominators }) {
  const client = useQueryClient();
  const inputId = useId();
  const [problems, setProblems] = useState<{ file: string; list: DenominatorProblem[] } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async (file: File) => {
    if (!db) return;
    setBusy(true);
    setProblems(null);
    try {
      const { rows, problems: found } = parseDenominators(await file.text());
      if (found.length > 0) setProblems({ file: file.name, list: found });
      else {
        await saveDenominators(db, rows, file.name);
        await client.invalidateQueries({ queryKey: DB_ROOT_KEY });
      }
    } catch (e) {
      setProblems({ file: file.name, list: [{ line: 0, column: '', message: e instanceof Error ? e.message : String(e) }] });
    } finally {
      setBusy(false);
    }
  };

  const reset = async () => {
    if (!db) return;
    await clearDenominators(db);
    await client.invalidateQueries({ queryKey: DB_ROOT_KEY });
  };

  return (
    <section className="card" aria-labelledby={`${inputId}-h`}>
      <h2 id={`${inputId}-h`}>Denominators</h2>
      <p data-testid="denominator-in-use">
        In use: <strong>{denominators.label}</strong> —{' '}
        {Object.entries(denominators.populations)
          .map(([g, p]) => `${g} ${formatCount(p)}`)
          .join(', ')}
        .
      </p>
      <p className="muted small">
        Load a CSV with the columns <code>group</code> and <code>population</code> (and optionally <code>area</code>, an LSOA, MSOA, ward or district code, and <code>age_band</code>) to use your own, for example a
        school-age population. Groups are read like ethnicity in an extract. It stays in this tab only, unless the loaded data is kept between visits (on the Data page).
      </p>
      <label htmlFor={inputId}>Load a denominator table </label>
      <input id={inputId} type="file" accept=".csv,.tsv,text/csv" disabled={!db || busy} onChange={(e) => e.target.files?.[0] && void load(e.target.files[0])} />
      {denominators.userLoaded && (
        <button type="button" onClick={() => void reset()}>
          Go back to the Census 2021 populations
        </button>
      )}
      {problems && (
        <div role="alert" className="error-box">
          <p>
            <strong>{problems.file} was not loaded</strong>; the denominators in use are unchanged.
          </p>
          <ul>
            {problems.list.slice(0, 20).map((p, i) => (
              <li key={i}>
                {p.line > 0 ? `Line ${p.line}` : 'File'}
                {p.column ? `, column ${p.column}` : ''}: {p.message}
              </li>
            ))}
          </ul>
          {problems.list.length > 20 && <p>…and {problems.list.length - 20} more.</p>}
        </div>
      )}
    </section>
  );
}
