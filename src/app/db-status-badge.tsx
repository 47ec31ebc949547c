import { useIsFetching } from '@tanstack/react-query';
import { DB_ROOT_KEY, useDbStatus, useKeptRestoreStep } from '@/data/use-db';
import { formatBytes } from '@/lib/format';
import { useDemoPresence } from '@/data/demo-data';
import { useKeptFailure, useKeptProgress } from '@/data/use-kept-data';

/** Which DuckDB build runs: the threaded one on a cross-origin isolated page, else one thread. */
function threadsText(threads: number): string {
  return threads > 1 ? ` (${threads} threads)` : ' (single-threaded)';
}

export function DbStatusBadge({ demoWanted, keptAtOpen }: { demoWanted: boolean; keptAtOpen: boolean }) {
  const status = useDbStatus();
  // figures on screen may be from before the last change until their queries finish
  const fetching = useIsFetching({ queryKey: DB_ROOT_KEY });
  const demoLoading = status.state === 'starting' && demoWanted;
  // the demo's first-open answers (first-open.ts) are in the cache and on screen
  const demoShown = useDemoPresence().loaded;
  const demoError = status.state === 'ready' && status.session.demo.state === 'failed' ? status.session.demo.reason : null;
  let text =
    status.state === 'ready' ? `Database ready${threadsText(status.db.threads)}` : status.state === 'starting' ? 'Database starting…' : `Database failed: ${status.reason}`;
  const keptStep = useKeptRestoreStep();
  if (status.state === 'starting' && keptAtOpen) {
    text = 'Starting the database and loading the data kept in this browser…';
    if (keptStep) {
      text = `Loading the data kept in this browser: ${keptStep.table === null ? 'making the events' : `the ${keptStep.table} table (${formatBytes(keptStep.bytes)})`}…`;
    }
  }
  if (demoLoading) text = demoShown ? 'Starting the database; the overview shows the synthetic demo’s figures meanwhile…' : 'Starting the database and loading the synthetic demo…';
  if (demoError) text = `Demo data failed to load: ${demoError}`;
  const keptError = useKeptFailure();
  if (keptError) text = `Kept data failed to load: ${keptError}`;
  const keeping = useKeptProgress();
  if (status.state === 'ready' && !demoError && !keptError) {
    const ready = `Database ready${threadsText(status.db.threads)}`;
    if (keeping === 'keeping') text = `${ready} · keeping the data in this browser…`;
    else if (fetching > 0) text = `${ready} · updating figures…`;
    else if (keeping === 'kept') text = `${ready} · data kept in this browser`;
  }
  return (
    <div
      className={`db-status db-status-${status.state}`}
      role="status"
      aria-live="polite"
      data-state={status.state}
      data-demo={demoLoading ? 'loading' : demoError ? 'failed' : 'idle'}
      data-kept={keptError ? 'failed' : keeping}
      data-busy={fetching > 0 ? 'true' : 'false'}
      data-threads={status.state === 'ready' ? status.db.threads : undefined}
    >
      <span className="dot" aria-hidden="true" />
      {text}
      {status.state === 'starting' && keptAtOpen && keptStep && <progress max={1} value={keptStep.done} aria-label="Data kept in this browser loaded" />}
    </div>
  );
}
