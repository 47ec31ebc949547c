import { useId, useState, type FormEvent } from 'react';
import { checkBasemap, forgetBasemap, saveBasemap, tileOrigin, type Basemap } from './basemap';

interface Props {
  /** the saved basemap, or null */
  saved: Basemap | null;
  /** whether the map shows it: the page opened allowing its tile server */
  shown: boolean;
  /** the tiles' failure, if they failed */
  tileProblem: string | null;
  onChange: (basemap: Basemap | null) => void;
}

const EXAMPLE = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

/** Where the user sets, changes or removes the basemap (see basemap.ts). */
export function BasemapSettings({ saved, shown, tileProblem, onChange }: Props) {
  const ids = { template: useId(), attribution: useId(), help: useId() };
  const [template, setTemplate] = useState(saved?.template ?? '');
  const [attribution, setAttribution] = useState(saved?.attribution ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  const save = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkBasemap(template, attribution);
    if ('problem' in checked) return setProblem(checked.problem);
    try {
      saveBasemap(localStorage, checked.basemap);
    } catch (err) {
      return setProblem(`The browser would not keep the setting (${err instanceof Error ? err.message : String(err)}).`);
    }
    setProblem(null);
    onChange(checked.basemap);
  };
  const remove = () => {
    try {
      forgetBasemap(localStorage);
    } catch {
      // storage the browser refuses holds nothing to remove
    }
    setProblem(null);
    setTemplate('');
    setAttribution('');
    onChange(null);
  };

  return (
    <details className="basemap-settings">
      <summary>Basemap: {saved ? `tiles from ${tileOrigin(saved.template)}` : 'none (the map is drawn here, from the bundled boundaries)'}</summary>
      <p className="muted small" id={ids.help}>
        A basemap draws streets and places under the areas. Its tiles come from the tile server named here: the browser asks that server for each part of
        the map on screen, so the server learns which places are looked at, never the data. No other server is allowed. The setting is kept in this
        browser until it is removed, here or by Forget all data on the Data page.
      </p>
      <form onSubmit={save} className="basemap-form" aria-describedby={ids.help}>
        <span>
          <label htmlFor={ids.template}>Tile address </label>
          <input id={ids.template} type="text" inputMode="url" spellCheck={false} size={34} placeholder={EXAMPLE} value={template} onChange={(e) => setTemplate(e.target.value)} />
        </span>
        <span>
          <label htmlFor={ids.attribution}>Attribution </label>
          <input id={ids.attribution} type="text" size={26} placeholder="© OpenStreetMap contributors" value={attribution} onChange={(e) => setAttribution(e.target.value)} />
        </span>
        <button type="submit">Save basemap</button>
        {saved && (
          <button type="button" onClick={remove}>
            Remove basemap
          </button>
        )}
      </form>
      {problem && <p role="alert">{problem}</p>}
      {saved && !shown && (
        <p role="status" data-testid="basemap-reload">
          Saved. The map shows it once the page is reloaded: the browser lets the page reach a new tile server only as the page opens. A reload empties the
          data loaded in this tab unless it is kept between visits (on the Data page).{' '}
          <button type="button" onClick={() => location.reload()}>
            Reload now
          </button>
        </p>
      )}
      {shown && tileProblem && (
        <p role="alert">
          The basemap’s tiles did not load ({tileProblem}). Check the tile address, and that the tile server lets other sites use its tiles.
        </p>
      )}
    </details>
  );
}
