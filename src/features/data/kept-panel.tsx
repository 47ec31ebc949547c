import { useId } from 'react';
import { useKeepShare, useKeptData } from '@/data/use-kept-data';
import { formatBytes, formatCount, formatDateTime, formatShare } from '@/lib/format';
import type { Leftovers } from '@/data/kept-storage';

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** What is stored with no copy kept, in words (empty when nothing is). */
export function leftoverText(leftovers: Leftovers): string {
  const parts = [
    ...(leftovers.folders.length > 0 ? [`${plural(leftovers.folders.length, 'folder of an unfinished keep', 'folders of unfinished keeps')} (${leftovers.folders.join(', ')})`] : []),
    ...(leftovers.basemap ? ['a basemap set on the Places view'] : []),
  ];
  return parts.join(' and ');
}

/** Keeping the loaded data in this browser between visits, and forgetting it. */
export function KeptPanel() {
  const { note, current, upToDate, own, keep, keeping, keepError, forget, keptAtOpen, leftovers } = useKeptData();
  const busy = keeping || forget.isPending;
  const share = useKeepShare();
  const whyNot = useId();
  const nothingToKeep = current !== undefined && current.partner === 0;
  return (
    <section className="card" aria-labelledby="kept-heading">
      <h2 id="kept-heading">Keep between visits</h2>
      {keptAtOpen?.state === 'failed' && note !== null && !own && (
        <div role="alert" className="error-box">
          The data kept in this browser could not be loaded: {keptAtOpen.reason}. Nothing of it was loaded. Forget it to start afresh, or load files and keep them in
          its place.
        </div>
      )}
      {note === null ? (
        <>
          <p className="muted">
            Loaded extracts live only in this tab, and are gone when it closes. Kept in this browser, they open with the app on your next
            visit. They are stored on this computer only, in this browser’s storage for this site, and never sent anywhere. What is kept is
            the loaded extracts, their load reports and a denominator table loaded on the Disproportionality view; tables made in the SQL
            console are not kept.
          </p>
          <button type="button" className="primary" disabled={busy || !current || nothingToKeep} aria-describedby={nothingToKeep ? whyNot : undefined} onClick={keep}>
            Keep the loaded data in this browser
          </button>
          {nothingToKeep && (
            <p className="muted small" id={whyNot}>
              {current.n > 0 ? 'Only the synthetic demo is loaded, and it opens with the app by itself.' : 'Nothing is loaded.'} Load partner extracts to keep
              them.
            </p>
          )}
          {/* no copy is kept, yet something is stored: Forget all data is offered for it too */}
          {leftovers && leftoverText(leftovers) && !keeping && !forget.isError && (
            <div className="leftovers">
              <p data-testid="kept-leftovers">Nothing is kept, but this browser still holds {leftoverText(leftovers)}.</p>
              <button type="button" disabled={busy} onClick={() => forget.mutate()}>
                Forget all data
              </button>
            </div>
          )}
        </>
      ) : (
        <>
          <p data-testid="kept-summary">
            Kept in this browser: {plural(note.extracts, 'extract', 'extracts')}, {formatBytes(note.bytes)}, saved {formatDateTime(note.savedAt)}.{' '}
            {upToDate && own ? 'Every load and removal is kept too; the data opens with the app on your next visit.' : ''}
            {!upToDate && !own ? 'The data loaded in this tab is not what is kept.' : ''}
          </p>
          <div className="button-row">
            {!own && !upToDate && (current?.partner ?? 0) > 0 && (
              <button type="button" disabled={busy} onClick={keep}>
                Keep the data loaded here instead
              </button>
            )}
            <button type="button" disabled={busy} onClick={() => forget.mutate()}>
              Forget all data
            </button>
          </div>
          <p className="muted small">
            Forget all data removes everything the app keeps in this browser: the kept data, and a basemap set on the Places view. The data loaded in this
            tab stays until it closes.
          </p>
        </>
      )}
      {keeping && (
        <div className="keep-progress">
          {/* announced once; the share written is on screen and in the bar, not read out at every part */}
          <span role="status">Keeping the loaded data in this browser…</span> <progress max={1} value={share ?? 0} aria-label="Kept so far" />{' '}
          {share !== null && share > 0 ? `${formatShare(share)} written` : ''}
        </div>
      )}
      {!keeping && keepError && (
        <div role="alert" className="error-box">
          {keepError}
        </div>
      )}
      {forget.isError && (
        <div role="alert" className="error-box">
          Could not forget the kept data: {forget.error.message}.{' '}
          {/* the note is gone by now, so the panel offers no Forget all data of its own */}
          <button type="button" disabled={busy} onClick={() => forget.mutate()}>
            Try again
          </button>
        </div>
      )}
    </section>
  );
}
