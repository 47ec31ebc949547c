import { useId, useState, type ReactNode } from 'react';
import { displayDerived } from '@/lib/suppression';
import type { AreaProfile } from './evaluate-sql';
import { LEVEL_NAMES, MAX_MONTHS, MIN_MONTHS, type AreaLevel, type Compare, type EvaluationParams } from './evaluation-params';

interface AreaBoxProps {
  label: string;
  profiles: readonly AreaProfile[];
  exclude: ReadonlySet<string>;
  onPick: (code: string) => void;
  level: AreaLevel;
}

/** A search box over the areas of one level: choosing a name (or typing a code) picks the area. */
function AreaBox({ label, profiles, exclude, onPick, level }: AreaBoxProps) {
  const [text, setText] = useState('');
  const id = useId();
  const listId = useId();
  const options = profiles.filter((p) => !exclude.has(p.code));
  const unknown = text.trim().length >= 3 && !options.some((p) => `${p.name} — ${p.code}`.toLowerCase().includes(text.trim().toLowerCase()));
  const choose = (value: string) => {
    setText(value);
    const match = options.find((p) => `${p.name} — ${p.code}` === value || p.code === value.trim().toUpperCase());
    if (match) {
      onPick(match.code);
      setText('');
    }
  };
  return (
    <span className="area-box">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" list={listId} className="area-input" placeholder={`${LEVEL_NAMES[level].one} name or code`} value={text} aria-invalid={unknown} onChange={(e) => choose(e.target.value)} />
      {unknown && (
        <span className="warn-text small-inline" role="status">
          No {LEVEL_NAMES[level].one} left matches “{text.trim()}”
        </span>
      )}
      <datalist id={listId}>
        {options.map((p) => (
          <option key={p.code} value={`${p.name} — ${p.code}`} />
        ))}
      </datalist>
    </span>
  );
}

export interface ComparisonRow {
  code: string;
  name: string;
  imd: number;
  rate: number | null;
  /** its records in the before period, which the rate rests on */
  before: number;
}

interface Props {
  params: EvaluationParams;
  level: AreaLevel;
  onLevel: (level: AreaLevel) => void;
  profiles: readonly AreaProfile[];
  update: (patch: Partial<Omit<EvaluationParams, 'level'>>, options?: { replace?: boolean }) => void;
  /** the comparison areas in use, with what they were matched on */
  comparison: readonly ComparisonRow[];
  /** the months the data covers, for the start month's picker */
  span: { first: string; latestComplete: string } | null;
  map: ReactNode;
  publish: boolean;
  /** the partnership's area, by name */
  whole: string;
}

/** The intervention: its name, areas, start month and period length, and the comparison areas. */
export function DefinitionPanel({ params, level, onLevel, profiles, update, comparison, span, map, publish, whole }: Props) {
  const ids = { name: useId(), level: useId(), start: useId(), months: useId(), compare: useId() };
  const nameOf = (code: string) => profiles.find((p) => p.code === code)?.name ?? code;
  const iv = new Set(params.iv);
  const compareCodes = comparison.map((c) => c.code);
  const setCompare = (compare: Compare) => update({ compare });
  const [nameText, setNameText] = useState(params.name);
  const [seenName, setSeenName] = useState(params.name);
  if (params.name !== seenName) {
    setSeenName(params.name);
    setNameText(params.name);
  }
  return (
    <section className="card definition" aria-labelledby={`${ids.name}-h`}>
      <h2 id={`${ids.name}-h`}>The intervention</h2>
      <div className="definition-grid">
        <div className="definition-fields">
          <p className="field">
            <label htmlFor={ids.name}>Name (optional)</label>
            <input
              id={ids.name}
              type="text"
              value={nameText}
              maxLength={120}
              placeholder="e.g. Youth hub, Armley"
              onChange={(e) => setNameText(e.target.value)}
              onBlur={() => nameText.trim() !== params.name && update({ name: nameText.trim() }, { replace: true })}
              onKeyDown={(e) => e.key === 'Enter' && update({ name: nameText.trim() }, { replace: true })}
            />
          </p>
          <p className="field">
            <label htmlFor={ids.level}>Areas are</label>
            <select id={ids.level} value={level} disabled={params.iv.length > 0} onChange={(e) => onLevel(e.target.value as AreaLevel)} aria-describedby={params.iv.length ? `${ids.level}-why` : undefined}>
              {(Object.keys(LEVEL_NAMES) as AreaLevel[]).map((l) => (
                <option key={l} value={l}>
                  {LEVEL_NAMES[l].many}
                </option>
              ))}
            </select>
            {params.iv.length > 0 && (
              <span id={`${ids.level}-why`} className="muted small">
                {' '}
                Remove the areas to choose another level.
              </span>
            )}
          </p>
          <div className="field">
            <AreaBox label="Add an intervention area" profiles={profiles} exclude={iv} level={level} onPick={(code) => update({ iv: [...params.iv, code], compare: params.compare.kind === 'list' ? { kind: 'list', codes: params.compare.codes.filter((c) => c !== code) } : params.compare })} />
            <ul className="chips area-chips" aria-label="Intervention areas">
              {params.iv.map((code) => (
                <li key={code} className="chip-intervention">
                  {nameOf(code)}
                  <button type="button" className="chip-remove" aria-label={`Remove ${nameOf(code)} from the intervention`} onClick={() => update({ iv: params.iv.filter((c) => c !== code) })}>
                    ×
                  </button>
                </li>
              ))}
              {params.iv.length === 0 && <li className="muted small">None yet.</li>}
            </ul>
          </div>
          <p className="field">
            <label htmlFor={ids.start}>Started in</label>
            <input id={ids.start} type="month" value={params.start ?? ''} min={span?.first} onChange={(e) => update({ start: e.target.value || null })} />
            <label htmlFor={ids.months}> Each period</label>
            <input id={ids.months} type="number" min={MIN_MONTHS} max={MAX_MONTHS} step={1} value={params.months} className="months-input" onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= MIN_MONTHS && n <= MAX_MONTHS) update({ months: n }, { replace: true });
            }} />
            <span> months</span>
          </p>
          <fieldset className="field compare-choice">
            <legend>Compare with</legend>
            <label>
              <input type="radio" name={ids.compare} checked={params.compare.kind === 'matched'} onChange={() => setCompare({ kind: 'matched' })} /> matched areas (chosen automatically)
            </label>
            <label>
              <input type="radio" name={ids.compare} checked={params.compare.kind === 'rest'} onChange={() => setCompare({ kind: 'rest' })} /> the rest of {whole}
            </label>
            <label>
              <input type="radio" name={ids.compare} checked={params.compare.kind === 'list'} disabled={params.compare.kind !== 'list'} readOnly /> areas I chose
            </label>
          </fieldset>
        </div>
        <div className="definition-map">{map}</div>
      </div>
      {params.iv.length > 0 && params.compare.kind !== 'rest' && (
        <div className="comparison-list">
          <h3>Comparison areas{params.compare.kind === 'matched' ? ': the nearest in deprivation and in their rate before the start, not touching the intervention' : ''}</h3>
          {comparison.length > 0 && (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Comparison areas">
              <table className="data-table compact">
                <thead>
                  <tr>
                    <th scope="col">Area</th>
                    <th scope="col" className="num">IMD decile (mean)</th>
                    <th scope="col" className="num">Before: records per 1,000</th>
                    <th scope="col">
                      <span className="visually-hidden">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {comparison.map((c) => (
                    <tr key={c.code}>
                      <th scope="row">{c.name}</th>
                      <td className="num">{c.imd.toFixed(1)}</td>
                      <td className="num">{displayDerived(c.rate, [c.before], publish, (n) => n.toFixed(1))}</td>
                      <td>
                        <button type="button" className="link-button" aria-label={`Remove ${c.name} from the comparison`} onClick={() => setCompare({ kind: 'list', codes: compareCodes.filter((x) => x !== c.code) })} disabled={comparison.length === 1}>
                          Remove
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <AreaBox label="Add a comparison area" profiles={profiles} exclude={new Set([...params.iv, ...compareCodes])} level={level} onPick={(code) => setCompare({ kind: 'list', codes: [...compareCodes, code] })} />
          {params.compare.kind === 'list' && (
            <button type="button" className="link-button" onClick={() => setCompare({ kind: 'matched' })}>
              Match again automatically
            </button>
          )}
        </div>
      )}
    </section>
  );
}
